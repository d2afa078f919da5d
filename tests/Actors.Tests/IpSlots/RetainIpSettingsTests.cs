using System.Text.Json;
using Kruise.Actors.Persistence;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Tests.IpSlots;

public sealed class RetainIpSettingsTests
{
    [Theory]
    [InlineData("calico", "cni.projectcalico.org/ipAddrs", "[\"10.244.1.7\"]")]
    [InlineData("Calico", "cni.projectcalico.org/ipAddrs", "[\"10.244.1.7\"]")]
    [InlineData("kube-ovn", "ovn.kubernetes.io/ip_address", "10.244.1.7")]
    [InlineData(" KUBE-OVN ", "ovn.kubernetes.io/ip_address", "10.244.1.7")]
    public void Known_formats_name_the_cni_annotation_and_its_value(string name, string annotation, string value)
    {
        var (format, error) = RequestedIpFormat.Parse(name);

        Assert.Null(error);
        Assert.Equal(annotation, format!.Annotation);
        Assert.Equal(value, format.Value("10.244.1.7"));
    }

    [Theory]
    [InlineData("cilium")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_format_is_a_clear_error(string? name)
    {
        var (format, error) = RequestedIpFormat.Parse(name);

        Assert.Null(format);
        Assert.Equal($"unknown requested-IP annotation format '{name}': expected one of calico, kube-ovn", error);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData(null, false)]
    public void Only_true_opts_in(string? value, bool optedIn)
    {
        var annotations = value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [RetainIpSettings.OptInAnnotation] = value };

        Assert.Equal(optedIn, RetainIpSettings.OptedIn(annotations));
    }

    [Fact]
    public void A_book_round_trips_through_the_journal_json()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var book = IpSlotBook.Empty.ApplyAll(
        [
            new IpSlotFact(IpSlotFactKind.Bound, "10.0.0.9", t0, "10.0.0.9", "b", "uid-b"),
            new IpSlotFact(IpSlotFactKind.Bound, "10.0.0.1", t0, "10.0.0.1", "a", "uid-a"),
            new IpSlotFact(IpSlotFactKind.Vacated, "10.0.0.1", t0, Pod: "a"),
            new IpSlotFact(IpSlotFactKind.Assigned, "10.0.0.1", t0, Pod: "x"),
            new IpSlotFact(IpSlotFactKind.Waiting, "10.0.0.1", t0, Pod: "x", Message: "held"),
        ]);

        var back = JsonSerializer.Deserialize<IpSlotBook>(JsonSerializer.Serialize(book, EventCodec.Json), EventCodec.Json)!;

        Assert.Equal(book, back);
        Assert.Equal(["10.0.0.1", "10.0.0.9"], back.Slots.Keys);
        Assert.NotEqual(book, back.Apply(new IpSlotFact(IpSlotFactKind.Dropped, "10.0.0.9", t0)));
        var state = CloneSetState.Empty with { Uid = "uid", IpSlots = book };
        Assert.Equal(state, JsonSerializer.Deserialize<CloneSetState>(JsonSerializer.Serialize(state, EventCodec.Json), EventCodec.Json));
        Assert.NotEqual(state, state with { IpSlots = IpSlotBook.Empty });
    }
}
