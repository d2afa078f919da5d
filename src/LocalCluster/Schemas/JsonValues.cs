using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>The Go type a JSON value decodes to in the API server (integers that fit int64 stay int64).</summary>
internal enum GoKind
{
    Null,
    Bool,
    Integer,
    Float,
    String,
    Object,
    Array,
}

/// <summary>
/// Reads System.Text.Json nodes the way apimachinery's JSON decoding sees them: a number is an
/// int64 when its text parses as one ("1.0" and "1e2" do not) and a float64 otherwise. The
/// validator's messages and comparisons depend on that split.
/// </summary>
internal static class JsonValues
{
    public static GoKind KindOf(JsonNode? node) => node switch
    {
        null => GoKind.Null,
        JsonObject => GoKind.Object,
        JsonArray => GoKind.Array,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => GoKind.String,
            JsonValueKind.True or JsonValueKind.False => GoKind.Bool,
            JsonValueKind.Number => long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? GoKind.Integer : GoKind.Float,
            _ => GoKind.Null,
        },
    };

    public static long AsLong(JsonNode node) => long.Parse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static double AsDouble(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    // Values built in code may wrap other CLR types (Guid, DateTime) that serialize as strings.
    public static string AsString(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(node.ToJsonString())!;

    /// <summary>The value as the Go scalar it would be (string, long, double, bool), the node itself for objects and arrays.</summary>
    // The arms are typed object: JsonNode's implicit conversions would otherwise wrap the scalars back into nodes.
    public static object? GoValue(JsonNode? node) => KindOf(node) switch
    {
        GoKind.Null => null,
        GoKind.Bool => (object)node!.GetValue<bool>(),
        GoKind.Integer => (object)AsLong(node!),
        GoKind.Float => (object)AsDouble(node!),
        GoKind.String => (object)AsString(node!),
        _ => (object?)node,
    };

    /// <summary>reflect.DeepEqual over decoded JSON: an int64 never equals a float64.</summary>
    public static bool DeepEqual(JsonNode? a, JsonNode? b)
    {
        var kind = KindOf(a);
        if (kind != KindOf(b))
            return false;
        switch (kind)
        {
            case GoKind.Null:
                return true;
            case GoKind.Bool:
                return a!.GetValue<bool>() == b!.GetValue<bool>();
            case GoKind.Integer:
                return AsLong(a!) == AsLong(b!);
            case GoKind.Float:
                return AsDouble(a!).Equals(AsDouble(b!));
            case GoKind.String:
                return string.Equals(AsString(a!), AsString(b!), StringComparison.Ordinal);
            case GoKind.Array:
                var left = (JsonArray)a!;
                var right = (JsonArray)b!;
                if (left.Count != right.Count)
                    return false;
                for (var i = 0; i < left.Count; i++)
                {
                    if (!DeepEqual(left[i], right[i]))
                        return false;
                }
                return true;
            default:
                var x = (JsonObject)a!;
                var y = (JsonObject)b!;
                if (x.Count != y.Count)
                    return false;
                foreach (var (key, value) in x)
                {
                    if (!y.TryGetPropertyValue(key, out var other) || !DeepEqual(value, other))
                        return false;
                }
                return true;
        }
    }

    /// <summary>Converts a loosely typed model value (JsonElement, JsonNode, YAML dictionaries, CLR scalars) to a node.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonNode.Parse(k8s.KubernetesJson.Serialize(value)),
    };
}
