using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Tests.Kinds;

/// <summary>Small helpers the per-kind defaulting and validation tests share.</summary>
public static class KindTestKit
{
    public static T FromYaml<T>(string yaml) => KubernetesYaml.Deserialize<T>(yaml);

    /// <summary>Errors as "path: message" lines, in the order they were reported.</summary>
    public static string[] Lines(IEnumerable<FieldError> errors) => errors.Select(e => e.ToString()).ToArray();

    /// <summary>
    /// The value at a dotted JSON path ("spec.updateStrategy.rollingUpdate.maxUnavailable",
    /// "spec.containers[0].name") as text: strings bare, anything else as JSON; null when absent.
    /// </summary>
    public static string? At(object value, string path)
    {
        JsonNode? node = JsonNode.Parse(KubernetesJson.Serialize(value));
        foreach (var part in path.Split('.'))
        {
            var name = part;
            int? index = null;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            }
            node = node?[name];
            if (index is { } i)
                node = node is JsonArray array && i < array.Count ? array[i] : null;
        }
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
