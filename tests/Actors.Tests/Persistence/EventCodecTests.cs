using System.Collections.Immutable;
using System.Text;
using k8s.Models;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Persistence;

public sealed class EventCodecTests
{
    public sealed record PodCreateRequested(string Name, string Revision, DateTimeOffset At);

    public sealed record WithTemplate(string Name, V1PodTemplateSpec Template, ImmutableDictionary<string, int> Counts);

    public enum Phase
    {
        Pending,
        Running,
    }

    public sealed record WithPhase(Phase Phase, int? Missing);

    private static EventCodec Codec() => new(new EventRegistry()
        .Add<PodCreateRequested>("cs.pod-create-requested", e => $"create pod {e.Name} at {e.Revision}")
        .Add<WithTemplate>("cs.with-template")
        .Add<WithPhase>("cs.with-phase"));

    [Fact]
    public void Round_trips_a_record_under_its_manifest()
    {
        var codec = Codec();
        var value = new PodCreateRequested("web-abcde", "web-5d7f", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        var manifest = codec.ManifestOf(value);
        var bytes = codec.Encode(value);

        Assert.Equal("cs.pod-create-requested", manifest);
        Assert.Equal(value, codec.Decode(bytes, manifest));
    }

    [Fact]
    public void Stored_bytes_are_plain_JSON_without_type_names()
    {
        var bytes = Codec().Encode(new PodCreateRequested("web-abcde", "web-5d7f", DateTimeOffset.UnixEpoch));
        var json = Encoding.UTF8.GetString(bytes);

        Assert.Equal("{\"name\":\"web-abcde\",\"revision\":\"web-5d7f\",\"at\":\"1970-01-01T00:00:00+00:00\"}", json);
        Assert.DoesNotContain("Kruise", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_models_and_immutable_collections_round_trip()
    {
        var codec = Codec();
        var value = new WithTemplate("t", new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "main", Image = "nginx:1.25", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") } } }],
            },
        }, ImmutableDictionary<string, int>.Empty.Add("a", 1));

        var back = (WithTemplate)codec.Decode(codec.Encode(value), "cs.with-template");

        Assert.Equal("web", back.Template.Metadata.Labels["app"]);
        Assert.Equal("nginx:1.25", back.Template.Spec.Containers[0].Image);
        Assert.Equal("100m", back.Template.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal(1, back.Counts["a"]);
    }

    [Fact]
    public void Enums_are_written_by_name_and_nulls_are_left_out()
    {
        var codec = Codec();
        var json = Encoding.UTF8.GetString(codec.Encode(new WithPhase(Phase.Running, null)));

        Assert.Equal("{\"phase\":\"Running\"}", json);
        Assert.Equal(new WithPhase(Phase.Running, null), codec.Decode(Encoding.UTF8.GetBytes(json), "cs.with-phase"));
    }

    [Fact]
    public void An_unregistered_type_is_refused_before_it_reaches_the_journal()
    {
        var e = Assert.Throws<UnregisteredTypeException>(() => Codec().Encode(new { Name = "x" }));
        Assert.Contains("no registered manifest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_names_itself_in_the_error()
    {
        var e = Assert.Throws<UnregisteredTypeException>(() => Codec().Decode("{}"u8.ToArray(), "cs.renamed-away"));
        Assert.Contains("cs.renamed-away", e.Message, StringComparison.Ordinal);
        Assert.False(Codec().TryDecode("{}"u8.ToArray(), "cs.renamed-away", out _));
    }

    [Fact]
    public void The_registered_summary_describes_an_event()
    {
        var registry = Codec().Registry;
        Assert.Equal("create pod web-abcde at web-5d7f", registry.Summarize(new PodCreateRequested("web-abcde", "web-5d7f", DateTimeOffset.UnixEpoch)));
        Assert.Null(registry.Summarize(new WithPhase(Phase.Pending, 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Has.Upper")]
    [InlineData("with space")]
    [InlineData("Kruise.Actors.Events.PodCreateRequested, Kruise.Actors")]
    public void Manifests_must_be_short_lowercase_names(string manifest)
    {
        var e = Assert.Throws<ArgumentException>(() => new EventRegistry().Add<WithPhase>(manifest));
        Assert.Contains("manifest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_or_a_type_is_registered_once()
    {
        var registry = new EventRegistry().Add<WithPhase>("a.one");
        Assert.Throws<ArgumentException>(() => registry.Add<WithTemplate>("a.one"));
        Assert.Throws<ArgumentException>(() => registry.Add<WithPhase>("a.two"));
    }
}
