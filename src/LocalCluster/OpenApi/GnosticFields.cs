using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// Writes Swagger JSON values as gnostic openapi_v2 fields (proto3: absent and zero values are
/// simply not written). Free-form values (defaults, enums, examples, x- extensions) become
/// gnostic's Any{2: yaml}; JSON is YAML, and kube-openapi reads that text with a YAML parser.
/// </summary>
internal static class GnosticFields
{
    private static readonly JsonSerializerOptions AnyText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void String(ProtoWriter writer, int field, JsonNode? value)
    {
        if (JsonRead.AsString(value) is { Length: > 0 } text)
            writer.String(field, text);
    }

    /// <summary>A repeated string field; a lone string counts as a list of one.</summary>
    public static void Strings(ProtoWriter writer, int field, JsonNode? value)
    {
        if (JsonRead.AsString(value) is { } single)
            writer.String(field, single);
        foreach (var text in JsonRead.Strings(value))
            writer.String(field, text);
    }

    public static void Bool(ProtoWriter writer, int field, JsonNode? value)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.True)
            writer.Bool(field, true);
    }

    public static void Int(ProtoWriter writer, int field, JsonNode? value)
    {
        if (JsonRead.AsNumber(value) is { } number && (number.Integer ?? (long)number.Value) is var integer and not 0)
            writer.Varint(field, integer);
    }

    public static void Double(ProtoWriter writer, int field, JsonNode? value)
    {
        if (JsonRead.AsNumber(value) is { Value: not 0 } number)
            writer.Double(field, number.Value);
    }

    /// <summary>An Any holding the value's text; JSON null is a value too (a default of null).</summary>
    public static void Any(ProtoWriter writer, int field, JsonObject owner, string key)
    {
        if (owner.TryGetPropertyValue(key, out var value))
            writer.Message(field, any => any.String(2, AnyYaml(value)));
    }

    /// <summary>A repeated Any, one per array element (enum).</summary>
    public static void Anys(ProtoWriter writer, int field, JsonNode? value)
    {
        if (value is not JsonArray items)
            return;
        foreach (var item in items)
            writer.Message(field, any => any.String(2, AnyYaml(item)));
    }

    /// <summary>Every x- key as a NamedAny{1: name, 2: Any}, in document order.</summary>
    public static void VendorExtensions(ProtoWriter writer, int field, JsonObject owner)
    {
        foreach (var (key, value) in owner)
        {
            if (key.StartsWith("x-", StringComparison.Ordinal))
                writer.Message(field, named => named.String(1, key).Message(2, any => any.String(2, AnyYaml(value))));
        }
    }

    /// <summary>
    /// A map field: gnostic's repeated Named* {1: name, 2: value} pairs, in document order. Paths
    /// and responses hold their own x- keys beside the entries; those go to vendor_extension.
    /// </summary>
    public static void Named(ProtoWriter writer, int field, JsonNode? map, Action<ProtoWriter, JsonObject> value, bool skipExtensions = false)
    {
        if (map is not JsonObject entries)
            return;
        foreach (var (name, entry) in entries)
        {
            if (entry is JsonObject body && !(skipExtensions && name.StartsWith("x-", StringComparison.Ordinal)))
                writer.Message(field, named => named.String(1, name).Message(2, v => value(v, body)));
        }
    }

    public static void ExternalDocs(ProtoWriter writer, int field, JsonNode? value)
    {
        if (value is JsonObject docs)
        {
            writer.Message(field, d =>
            {
                String(d, 1, docs["description"]);
                String(d, 2, docs["url"]);
                VendorExtensions(d, 3, docs);
            });
        }
    }

    private static string AnyYaml(JsonNode? value) => value?.ToJsonString(AnyText) ?? "null";
}
