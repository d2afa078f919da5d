using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using YamlDotNet.Serialization;

namespace Kruise.Actors.Crds.Tests.Kinds;

/// <summary>Reads Samples/&lt;plural&gt;.yaml and checks that typed round trips keep every value.</summary>
internal static class SampleYaml
{
    public static string Read(string plural) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", plural + ".yaml"));

    public static T Load<T>(string plural) => KubernetesYaml.Deserialize<T>(Read(plural));

    /// <summary>YAML -> T -> JSON keeps every leaf of the YAML, and JSON and YAML round trips of T are stable.</summary>
    public static void AssertRoundTrips<T>(string plural)
    {
        var yaml = Read(plural);
        var typed = KubernetesYaml.Deserialize<T>(yaml);
        var json = KubernetesJson.Serialize(typed);

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        FlattenYaml("", new DeserializerBuilder().Build().Deserialize<object>(yaml), expected);
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        FlattenJson("", JsonNode.Parse(json), actual);
        var differences = expected.Keys.Union(actual.Keys)
            .Where(k => !expected.TryGetValue(k, out var e) || !actual.TryGetValue(k, out var a) || e != a)
            .Select(k => $"{k}: yaml={expected.GetValueOrDefault(k, "(none)")} json={actual.GetValueOrDefault(k, "(none)")}");
        Assert.Empty(differences);

        Assert.Equal(json, KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(json)));
        Assert.Equal(json, KubernetesJson.Serialize(KubernetesYaml.Deserialize<T>(KubernetesYaml.Serialize(typed))));
    }

    private static void FlattenYaml(string path, object? node, IDictionary<string, string> leaves)
    {
        switch (node)
        {
            case IDictionary<object, object> map:
                foreach (var (key, value) in map)
                    FlattenYaml($"{path}/{key}", value, leaves);
                break;
            case IList<object> list:
                for (var i = 0; i < list.Count; i++)
                    FlattenYaml($"{path}[{i}]", list[i], leaves);
                break;
            default:
                leaves[path] = node?.ToString() ?? "null";
                break;
        }
    }

    private static void FlattenJson(string path, JsonNode? node, IDictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                    FlattenJson($"{path}/{key}", value, leaves);
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                    FlattenJson($"{path}[{i}]", list[i], leaves);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                leaves[path] = value.GetValue<string>();
                break;
            default:
                leaves[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }
}
