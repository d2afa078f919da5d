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
        var found = JsonPathLite.Select(JsonNode.Parse(KubernetesJson.Serialize(value))!, path);
        var node = found.Count > 0 ? found[0] : null;
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
