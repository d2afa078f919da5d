using System.Globalization;
using System.Text.Json.Nodes;
using k8s;

namespace Kruise.Actors.Crds.Tests;

/// <summary>Every kind survives YAML and JSON through KubernetesClient's serializers without losing or changing a field.</summary>
public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(Samples.AllKinds), MemberType = typeof(Samples))]
    public void Yaml_to_typed_to_json_keeps_every_field_of_the_sample(string kindName)
    {
        var kind = Samples.Kind(kindName);
        var written = Samples.Leaves(Samples.Raw(kind)).ToDictionary(l => l.Path, l => l.Value);
        var json = JsonNode.Parse(KubernetesJson.Serialize(Samples.Typed(kind)));
        var read = Samples.Leaves(json).ToDictionary(l => l.Path, l => l.Value);

        var lost = written.Keys.Except(read.Keys).ToList();
        Assert.True(lost.Count == 0, $"fields lost: {string.Join(", ", lost)}");
        var added = read.Keys.Except(written.Keys).ToList();
        Assert.True(added.Count == 0, $"fields added: {string.Join(", ", added)}");
        foreach (var (path, value) in written)
            Assert.True(SameScalar(value, read[path]), $"{path}: wrote {value}, read back {read[path]}");
    }

    [Theory]
    [MemberData(nameof(Samples.AllKinds), MemberType = typeof(Samples))]
    public void Json_and_yaml_round_trips_are_stable(string kindName)
    {
        var kind = Samples.Kind(kindName);
        var typed = Samples.Typed(kind);
        var json = KubernetesJson.Serialize(typed);

        var viaJson = KubernetesJson.Serialize(kind.FromJson(json));
        var yaml = KubernetesYaml.Serialize(typed);
        var viaYaml = KubernetesJson.Serialize(typeof(KubernetesYaml)
            .GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!
            .MakeGenericMethod(kind.Type).Invoke(null, [yaml, true])!);

        Assert.Equal(json, viaJson);
        Assert.Equal(json, viaYaml);
    }

    [Fact]
    public void Int_or_string_fields_keep_their_form()
    {
        var cloneSet = KubernetesYaml.Deserialize<Apps.CloneSet>("""
            apiVersion: apps.kruise.io/v1alpha1
            kind: CloneSet
            metadata: {name: web}
            spec:
              updateStrategy: {maxUnavailable: 3, maxSurge: "50%"}
            """);
        var json = JsonNode.Parse(KubernetesJson.Serialize(cloneSet))!;
        Assert.Equal(3, json["spec"]!["updateStrategy"]!["maxUnavailable"]!.GetValue<int>());
        Assert.Equal("50%", json["spec"]!["updateStrategy"]!["maxSurge"]!.GetValue<string>());
    }

    // YAML leaves are text; JSON numbers, booleans and timestamps may be spelled differently.
    private static bool SameScalar(string written, string read)
    {
        if (written == read)
            return true;
        if (DateTime.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var a)
            && DateTime.TryParse(read, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var b))
            return a == b;
        return decimal.TryParse(written, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(read, CultureInfo.InvariantCulture, out var y) && x == y;
    }
}
