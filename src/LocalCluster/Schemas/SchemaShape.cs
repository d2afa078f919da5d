using System.Text.Json;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// "Nothing else is set" tests on a raw schema, standing in for Go's reflect.DeepEqual against a
/// zero structural value (the int-or-string anyOf pattern, the root metadata restriction).
/// </summary>
internal static class SchemaShape
{
    /// <summary>True when the schema sets exactly <c>type: <paramref name="type"/></c> and nothing else.</summary>
    public static bool IsBareType(V1JSONSchemaProps s, string type) =>
        s.Type == type && IsBare(s, allowType: true, allowDefault: false, allowProperties: false, nested: true);

    // nested: under a junctor `additionalProperties: false` converts to nothing; in the structural
    // part it is a set value and counts.
    public static bool IsBare(V1JSONSchemaProps s, bool allowType, bool allowDefault, bool allowProperties, bool nested)
    {
        if (!allowType && !string.IsNullOrEmpty(s.Type))
            return false;
        if (!allowDefault && !IsNull(s.DefaultProperty))
            return false;
        if (!allowProperties && s.Properties is { Count: > 0 })
            return false;
        var additional = s.AdditionalProperties switch
        {
            null => false,
            bool allows => allows || !nested,
            JsonElement { ValueKind: JsonValueKind.False } => !nested,
            JsonElement { ValueKind: JsonValueKind.Null } => false,
            _ => true,
        };
        return !additional
            && string.IsNullOrEmpty(s.Description) && string.IsNullOrEmpty(s.Title) && s.Nullable != true
            && s.ExternalDocs is null && IsNull(s.Example)
            && string.IsNullOrEmpty(s.Format) && string.IsNullOrEmpty(s.Pattern)
            && s.Maximum is null && s.ExclusiveMaximum != true && s.Minimum is null && s.ExclusiveMinimum != true
            && s.MaxLength is null && s.MinLength is null && s.MaxItems is null && s.MinItems is null && s.UniqueItems != true
            && s.MultipleOf is null && s.MaxProperties is null && s.MinProperties is null
            && s.EnumProperty is not { Count: > 0 } && s.Required is not { Count: > 0 }
            && s.AllOf is not { Count: > 0 } && s.AnyOf is not { Count: > 0 } && s.OneOf is not { Count: > 0 } && s.Not is null
            && IsNull(s.Items)
            && s.XKubernetesPreserveUnknownFields != true && s.XKubernetesEmbeddedResource != true && s.XKubernetesIntOrString != true
            && s.XKubernetesListMapKeys is not { Count: > 0 } && s.XKubernetesListType is null && s.XKubernetesMapType is null
            && s.XKubernetesValidations is not { Count: > 0 };
    }

    private static bool IsNull(object? value) => value is null or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined };
}
