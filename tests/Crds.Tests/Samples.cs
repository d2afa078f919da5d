using System.Text.Json.Nodes;
using k8s;
using YamlDotNet.RepresentationModel;

namespace Kruise.Actors.Crds.Tests;

/// <summary>The full-field sample of each kind (Samples/&lt;plural&gt;.yaml) and ways to read it.</summary>
public static class Samples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Samples");

    public static string PathOf(KindInfo kind) => Path.Combine(Folder, $"{kind.Plural}.yaml");

    public static string Yaml(KindInfo kind) => File.ReadAllText(PathOf(kind));

    /// <summary>The sample parsed into the kind's C# type with KubernetesClient's YAML reader.</summary>
    public static object Typed(KindInfo kind) =>
        typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!
            .MakeGenericMethod(kind.Type).Invoke(null, [Yaml(kind), true])!;

    /// <summary>The sample as written, as a JSON tree (YAML scalars kept as text).</summary>
    public static JsonNode Raw(KindInfo kind)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Yaml(kind)));
        return ToJson(stream.Documents[0].RootNode)!;
    }

    public static IEnumerable<object[]> AllKinds() => KruiseKinds.All.Select(k => new object[] { k.Kind });

    public static KindInfo Kind(string name) => KruiseKinds.All.Single(k => k.Kind == name);

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    /// <summary>Every leaf of a JSON tree as (path, text), with paths like spec.selector.matchLabels.app.</summary>
    public static IEnumerable<(string Path, string Value)> Leaves(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (key, child) in obj)
                {
                    foreach (var leaf in Leaves(child, path.Length == 0 ? key : $"{path}.{key}"))
                        yield return leaf;
                }
                break;
            case JsonArray array when array.Count > 0:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leaf in Leaves(array[i], $"{path}[{i}]"))
                        yield return leaf;
                }
                break;
            case JsonObject:
                yield return (path, "{}");
                break;
            case JsonArray:
                yield return (path, "[]");
                break;
            case null:
                yield return (path, "null");
                break;
            default:
                yield return (path, node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString());
                break;
        }
    }
}
