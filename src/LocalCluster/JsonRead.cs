using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster;

/// <summary>Lenient reads of Kubernetes objects held as JsonObject: a missing or mistyped field reads as Go's zero value.</summary>
internal static class JsonRead
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var part in path)
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        return node;
    }

    public static string Str(JsonNode? node, params string[] path) => AsString(At(node, path)) ?? "";

    public static long? IntOrNull(JsonNode? node, params string[] path) =>
        AsNumber(At(node, path)) is { } number ? number.Integer ?? (long)number.Value : null;

    // Values built in code (JsonValue.Create(3)) only convert to their own CLR type, unlike
    // parsed ones, so scalars are read through their JSON text.

    /// <summary>The string a JSON string holds, null for anything else.</summary>
    public static string? AsString(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            return null;
        if (v.TryGetValue<string>(out var s))
            return s;
        using var doc = JsonDocument.Parse(v.ToJsonString());
        return doc.RootElement.GetString();
    }

    /// <summary>A JSON number: its value, and the integer it is when it is one.</summary>
    public static (double Value, long? Integer)? AsNumber(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            return null;
        var text = v.ToJsonString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? (integer, integer)
            : (double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), null);
    }

    public static long Int(JsonNode? node, params string[] path) => IntOrNull(node, path) ?? 0;

    public static bool Bool(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static bool Has(JsonNode? node, params string[] path) => At(node, path) is not null;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray a ? a.OfType<JsonObject>() : [];

    public static IEnumerable<string> Strings(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray a
            ? a.Select(AsString).OfType<string>()
            : [];

    /// <summary>Entries of a map (data, labels) or items of a list.</summary>
    public static int Count(JsonNode? node, params string[] path) => At(node, path) switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    public static Dictionary<string, string> StringMap(JsonNode? node, params string[] path) =>
        At(node, path) is JsonObject o
            ? o.Where(p => AsString(p.Value) is not null).ToDictionary(p => p.Key, p => AsString(p.Value)!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
