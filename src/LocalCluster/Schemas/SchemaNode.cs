using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>How a schema slot typed <c>object</c> in KubernetesClient (items, additionalProperties) was filled.</summary>
internal enum SlotKind
{
    Absent,
    Schema,
    True,
    False,
    Array,
}

/// <summary>
/// One node of a CRD version's openAPIV3Schema with KubernetesClient's loosely typed slots resolved:
/// items/additionalProperties hold V1JSONSchemaProps, bool, JsonElement (after JSON) or dictionaries
/// (after YAML); default/enum hold JsonElement or CLR values. Everything downstream reads this view.
/// </summary>
internal sealed class SchemaNode
{
    // Compiled once per schema object: the server keeps a CRD's schema for as long as it serves it and
    // never edits it in place (an update brings a new object).
    private static readonly ConditionalWeakTable<V1JSONSchemaProps, SchemaNode> Compiled = [];

    private readonly Dictionary<string, SchemaNode> _byName = new(StringComparer.Ordinal);

    private SchemaNode(V1JSONSchemaProps source)
    {
        Source = source;
        Type = string.IsNullOrEmpty(source.Type) ? null : source.Type;
        Format = string.IsNullOrEmpty(source.Format) ? null : source.Format;
        Pattern = string.IsNullOrEmpty(source.Pattern) ? null : source.Pattern;
        Default = JsonValues.ToNode(source.DefaultProperty);
        Enum = source.EnumProperty?.Select(JsonValues.ToNode).ToList();
        Required = source.Required?.ToList() ?? [];
        ListMapKeys = source.XKubernetesListMapKeys?.ToList() ?? [];
        foreach (var (name, child) in source.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            if (child is not null)
                _byName[name] = new SchemaNode(child);
        }
        Properties = [.. _byName];
        (ItemsKind, Items) = Resolve(source.Items);
        (AdditionalPropertiesKind, AdditionalProperties) = Resolve(source.AdditionalProperties);
        AllOf = Children(source.AllOf);
        AnyOf = Children(source.AnyOf);
        OneOf = Children(source.OneOf);
        Not = source.Not is null ? null : new SchemaNode(source.Not);
    }

    public static SchemaNode Of(V1JSONSchemaProps schema) => Compiled.GetValue(schema, s => new SchemaNode(s));

    public V1JSONSchemaProps Source { get; }

    public string? Type { get; }

    public string? Format { get; }

    public string? Pattern { get; }

    /// <summary>The default value; null when absent or JSON null (Go treats both as no default).</summary>
    public JsonNode? Default { get; }

    public IReadOnlyList<JsonNode?>? Enum { get; }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<string> ListMapKeys { get; }

    public IReadOnlyList<KeyValuePair<string, SchemaNode>> Properties { get; }

    public SlotKind ItemsKind { get; }

    public SchemaNode? Items { get; }

    public SlotKind AdditionalPropertiesKind { get; }

    /// <summary>The additionalProperties schema; null for <c>true</c>/<c>false</c>/absent.</summary>
    public SchemaNode? AdditionalProperties { get; }

    public IReadOnlyList<SchemaNode> AllOf { get; }

    public IReadOnlyList<SchemaNode> AnyOf { get; }

    public IReadOnlyList<SchemaNode> OneOf { get; }

    public SchemaNode? Not { get; }

    public bool Nullable => Source.Nullable == true;

    public bool IntOrString => Source.XKubernetesIntOrString == true;

    public bool PreserveUnknownFields => Source.XKubernetesPreserveUnknownFields == true;

    public bool EmbeddedResource => Source.XKubernetesEmbeddedResource == true;

    /// <summary>The structural schema's additionalProperties is set whenever the JSON had one, even <c>false</c>.</summary>
    public bool HasAdditionalProperties => AdditionalPropertiesKind is SlotKind.Schema or SlotKind.True or SlotKind.False;

    public bool AdditionalPropertiesAllowed => AdditionalPropertiesKind is SlotKind.Schema or SlotKind.True;

    public bool HasProperties => Properties.Count > 0;

    public SchemaNode? Property(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The schema for a key of an object: its property, else additionalProperties' schema.</summary>
    public SchemaNode? FieldSchema(string name) => Property(name) ?? AdditionalProperties;

    private static List<SchemaNode> Children(IList<V1JSONSchemaProps>? list) =>
        list?.Where(s => s is not null).Select(s => new SchemaNode(s)).ToList() ?? [];

    private static (SlotKind, SchemaNode?) Resolve(object? slot)
    {
        switch (slot)
        {
            case null:
                return (SlotKind.Absent, null);
            case V1JSONSchemaProps schema:
                return (SlotKind.Schema, new SchemaNode(schema));
            case bool allows:
                return (allows ? SlotKind.True : SlotKind.False, null);
            case JsonElement element:
                return FromJson(element.ValueKind, element.GetRawText());
            case JsonNode node:
                return FromJson(node.GetValueKind(), node.ToJsonString());
            case string:
                return (SlotKind.Absent, null);
            case System.Collections.IList:
                return (SlotKind.Array, null);
            default:
                // YAML gives dictionaries; KubernetesJson maps them back onto the model.
                return FromJson(JsonValueKind.Object, KubernetesJson.Serialize(slot));
        }
    }

    private static (SlotKind, SchemaNode?) FromJson(JsonValueKind kind, string json) => kind switch
    {
        JsonValueKind.True => (SlotKind.True, null),
        JsonValueKind.False => (SlotKind.False, null),
        JsonValueKind.Array => (SlotKind.Array, null),
        JsonValueKind.Object => (SlotKind.Schema, new SchemaNode(KubernetesJson.Deserialize<V1JSONSchemaProps>(json))),
        _ => (SlotKind.Absent, null),
    };
}
