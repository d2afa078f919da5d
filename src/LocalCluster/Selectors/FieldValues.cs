using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// The string a field label has on an object, as the registries' ToSelectableFields compute it:
/// mostly the value at the dotted path, but a few labels read elsewhere or default when unset
/// (an unset bool is "false", an unset count "0"), and a missing field is "".
/// </summary>
internal static class FieldValues
{
    public static string Get(JsonObject obj, string label) => label switch
    {
        // Pods: the first of podIPs (the API server keeps podIP in step with it).
        "status.podIP" => Text(At(obj, "status.podIPs") is JsonArray { Count: > 0 } ips ? At(ips[0], "ip") : At(obj, "status.podIP")),
        // Accepted upstream but never put in the pod's field set, so it only matches "".
        "status.podIPs" => "",
        "spec.hostNetwork" or "spec.unschedulable" => Text(At(obj, label)) is "true" ? "true" : "false",
        "status.successful" => Count(At(obj, "status.succeeded")),
        "status.replicas" => Count(At(obj, label)),
        // Events: the legacy source component, else the reporting controller.
        "source" => Text(At(obj, "source.component")) is { Length: > 0 } component ? component : Text(At(obj, "reportingComponent")),
        _ => Text(At(obj, label)),
    };

    private static JsonNode? At(JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.'))
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        return node;
    }

    // A value built in code from another CLR type (a char, a Guid) reads back through its JSON text.
    private static string Reparsed(JsonValue value)
    {
        using var doc = JsonDocument.Parse(value.ToJsonString());
        return doc.RootElement.GetString() ?? "";
    }

    private static string Count(JsonNode? node) => Text(node) is { Length: > 0 } text ? text : "0";

    private static string Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.TryGetValue<string>(out var text) ? text : Reparsed(value),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => "",
        }
        : "";
}
