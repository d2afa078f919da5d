using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// The per-node rules apiextensions applies to a v1 CRD's schema besides structurality
/// (ValidateCustomResourceDefinitionOpenAPISchema and its specStandardValidatorV3): supported types,
/// unsupported JSON-Schema keywords, no uniqueItems, properties xor additionalProperties, no defaults
/// in top-level metadata, and the x-kubernetes-list-type / map-type rules (map keys required or defaulted).
/// </summary>
internal static class CrdSchemaRules
{
    private static readonly string[] Types = ["array", "boolean", "integer", "number", "object", "string"];
    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    // What the enclosing nodes decided for this one.
    private sealed record Context(string? DefaultsForbiddenReason, bool InsideResourceMeta);

    public static void Check(SchemaNode s, string path, List<FieldError> errors) => Check(s, path, new Context(null, false), isRoot: true, errors);

    private static void Check(SchemaNode? s, string path, Context context, bool isRoot, List<FieldError> errors)
    {
        if (s is null)
            return;
        Standard(s, path, context, errors);
        var source = s.Source;
        if (source.UniqueItems == true)
            errors.Add(FieldError.Forbidden(path + ".uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        if (s.HasAdditionalProperties)
        {
            if (s.HasProperties && (s.AdditionalPropertiesKind == SlotKind.False || s.AdditionalProperties is not null))
                errors.Add(FieldError.Forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"));
            // Pruning a defaulted map entry of metadata would be ambiguous.
            var inner = context.InsideResourceMeta ? context with { DefaultsForbiddenReason = "inside additionalProperties applying to object metadata" } : context;
            Check(s.AdditionalProperties, path + ".additionalProperties", inner, false, errors);
        }
        foreach (var (name, property) in s.Properties)
        {
            var inner = context;
            if ((isRoot || s.EmbeddedResource) && MetaFields.Contains(name))
            {
                inner = inner with { InsideResourceMeta = true };
                if (isRoot)
                    inner = inner with { DefaultsForbiddenReason = "in top-level " + name };
            }
            Check(property, StructuralInvariants.Properties(path, name), inner, false, errors);
        }
        Check(s.Not, path + ".not", context, false, errors);
        for (var i = 0; i < s.AllOf.Count; i++)
            Check(s.AllOf[i], $"{path}.allOf[{i}]", context, false, errors);
        for (var i = 0; i < s.OneOf.Count; i++)
            Check(s.OneOf[i], $"{path}.oneOf[{i}]", context, false, errors);
        for (var i = 0; i < s.AnyOf.Count; i++)
            Check(s.AnyOf[i], $"{path}.anyOf[{i}]", context, false, errors);
        Check(s.Items, path + ".items", context, false, errors);
        if (source.XKubernetesPreserveUnknownFields == false)
            errors.Add(FieldError.Invalid(path + ".x-kubernetes-preserve-unknown-fields", false, "must be true or undefined"));
        MapAndListTypes(s, path, errors);
    }

    private static void Standard(SchemaNode s, string path, Context context, List<FieldError> errors)
    {
        var source = s.Source;
        if (s.Type is { } type && !Types.Contains(type))
            errors.Add(FieldError.NotSupported(path + ".type", type, Types));
        if (s.Default is not null && context.DefaultsForbiddenReason is { } reason)
            errors.Add(FieldError.Forbidden(path + ".default", "must not be set " + reason));
        if (!string.IsNullOrEmpty(source.Id))
            errors.Add(FieldError.Forbidden(path + ".id", "id is not supported"));
        if (source.AdditionalItems is not null)
            errors.Add(FieldError.Forbidden(path + ".additionalItems", "additionalItems is not supported"));
        if (source.PatternProperties is { Count: > 0 })
            errors.Add(FieldError.Forbidden(path + ".patternProperties", "patternProperties is not supported"));
        if (source.Definitions is { Count: > 0 })
            errors.Add(FieldError.Forbidden(path + ".definitions", "definitions is not supported"));
        if (source.Dependencies is not null)
            errors.Add(FieldError.Forbidden(path + ".dependencies", "dependencies is not supported"));
        if (source.RefProperty is not null)
            errors.Add(FieldError.Forbidden(path + ".$ref", "$ref is not supported"));
        if (s.Type == "null")
            errors.Add(FieldError.Forbidden(path + ".type", "type cannot be set to null, use nullable as an alternative"));
        if (s.ItemsKind == SlotKind.Array)
            errors.Add(FieldError.Forbidden(path + ".items", "items must be a schema object and not an array"));
        if (context.InsideResourceMeta && s.EmbeddedResource)
            errors.Add(FieldError.Forbidden(path + ".x-kubernetes-embedded-resource", "must not be used inside of resource meta"));
    }

    private static void MapAndListTypes(SchemaNode s, string path, List<FieldError> errors)
    {
        var source = s.Source;
        if (source.XKubernetesMapType is { } mapType)
        {
            if (s.Type != "object")
                errors.Add(TypeMust(path, s.Type, "must be object if x-kubernetes-map-type is specified"));
            if (mapType is not ("atomic" or "granular"))
                errors.Add(FieldError.NotSupported(path + ".x-kubernetes-map-type", mapType, ["atomic", "granular"]));
        }
        var listType = source.XKubernetesListType;
        if (listType is not null && s.Type != "array")
            errors.Add(TypeMust(path, s.Type, "must be array if x-kubernetes-list-type is specified"));
        else if (listType == "set" && s.Items is { } item)
        {
            // Set elements are compared whole, so they must not be merged key by key.
            if (item.Type == "array" && item.Source.XKubernetesListType is { } inner && inner != "atomic")
                errors.Add(FieldError.Invalid(path + ".items.x-kubernetes-list-type", inner, "must be atomic as item of a list with x-kubernetes-list-type=set"));
            else if (item.Type == "object" && item.Source.XKubernetesMapType != "atomic")
                errors.Add(FieldError.Invalid(path + ".items.x-kubernetes-map-type", item.Source.XKubernetesListType, "must be atomic as item of a list with x-kubernetes-list-type=set"));
        }
        if (listType is not null && listType is not ("atomic" or "set" or "map"))
            errors.Add(FieldError.NotSupported(path + ".x-kubernetes-list-type", listType, ["atomic", "set", "map"]));
        if (s.ListMapKeys.Count > 0 && listType != "map")
        {
            errors.Add(listType is null
                ? FieldError.Required(path + ".x-kubernetes-list-type", "must be map if x-kubernetes-list-map-keys is non-empty")
                : FieldError.Invalid(path + ".x-kubernetes-list-type", listType, "must be map if x-kubernetes-list-map-keys is non-empty"));
        }
        if (listType == "map")
            MapListItems(s, path, errors);
        if (listType is "set" or "map" && s.Items is { } listItem)
            KeyedListItems(s, listItem, listType, path, errors);
    }

    // Items of sets and maps are identified by value or key, so neither may be null or missing.
    private static void KeyedListItems(SchemaNode s, SchemaNode item, string listType, string path, List<FieldError> errors)
    {
        if (item.Nullable)
            errors.Add(FieldError.Forbidden(path + ".items.nullable", "cannot be nullable when x-kubernetes-list-type is " + listType));
        if (listType != "map")
            return;
        foreach (var key in s.ListMapKeys)
        {
            if (item.Property(key) is not { } property)
                continue;
            if (!item.Required.Contains(key) && property.Default is null)
                errors.Add(FieldError.Required($"{path}.items.properties[{key}].default", "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
            if (property.Nullable)
                errors.Add(FieldError.Forbidden($"{path}.items.properties[{key}].nullable", "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
        }
    }

    private static void MapListItems(SchemaNode s, string path, List<FieldError> errors)
    {
        var keys = new JsonArray([.. s.ListMapKeys.Select(k => (JsonNode?)JsonValue.Create(k))]);
        if (s.ListMapKeys.Count == 0)
            errors.Add(FieldError.Required(path + ".x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"));
        if (s.ItemsKind == SlotKind.Absent)
            errors.Add(FieldError.Required(path + ".items", "must have a schema if x-kubernetes-list-type is map"));
        if (s.ItemsKind == SlotKind.Array)
            errors.Add(FieldError.Invalid(path + ".items", JsonValues.ToNode(s.Source.Items), "must only have a single schema if x-kubernetes-list-type is map"));
        if (s.Items is not { } item)
            return;
        if (item.Type != "object")
        {
            errors.Add(FieldError.Invalid(path + ".items.type", item.Type ?? "", "must be object if parent array's x-kubernetes-list-type is map"));
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in s.ListMapKeys)
        {
            if (item.Property(key) is { } property)
            {
                if (property.Type is "array" or "object")
                    errors.Add(FieldError.Invalid($"{path}.items.properties[{key}].type", item.Type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
            }
            else
                errors.Add(FieldError.Invalid(path + ".x-kubernetes-list-map-keys", keys, "entries must all be names of item properties"));
            if (!seen.Add(key))
                errors.Add(FieldError.Invalid(path + ".x-kubernetes-list-map-keys", keys, "must not contain duplicate entries"));
        }
    }

    private static FieldError TypeMust(string path, string? type, string detail) =>
        type is null ? FieldError.Required(path + ".type", detail) : FieldError.Invalid(path + ".type", type, detail);
}
