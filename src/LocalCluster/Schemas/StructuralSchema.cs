using k8s.Models;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// The schema checks apiextensions-apiserver runs on a v1 CustomResourceDefinition version before
/// accepting it: the schema must convert to a structural schema, satisfy the structural invariants
/// and completeness rule (reported sorted, as the server sorts them), carry defaults that are pruned
/// and valid, and obey the per-node v1 rules (types, unsupported keywords, list/map types).
/// Texts follow the server's, under the given field path, e.g.
/// <c>spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[foo].type: Required value: must not be empty for specified object fields</c>.
/// Not covered: CEL rules (x-kubernetes-validations), the status-subresource root restriction, and
/// defaults inside embedded metadata.
/// </summary>
public static class StructuralSchema
{
    /// <summary>The problems as "field: message" lines; empty when the schema is acceptable.</summary>
    public static IReadOnlyList<string> Check(V1JSONSchemaProps? schema, string fieldPath = "openAPIV3Schema") =>
        Errors(schema, fieldPath).Select(e => e.ToString()).ToList();

    /// <summary>The problems as Status causes, for a 422 on the CustomResourceDefinition.</summary>
    public static IReadOnlyList<ApiErrorCause> CheckCauses(V1JSONSchemaProps? schema, string fieldPath = "openAPIV3Schema") =>
        Errors(schema, fieldPath).Select(e => e.ToCause()).ToList();

    internal static List<FieldError> Errors(V1JSONSchemaProps? schema, string fieldPath)
    {
        if (schema is null)
            return [FieldError.Required(fieldPath, "schemas are required")];
        var root = SchemaNode.Of(schema);
        var errors = new List<FieldError>();
        if (root.Nullable)
            errors.Add(FieldError.Forbidden(fieldPath + ".nullable", "nullable cannot be true at the root"));

        var conversionError = ConversionError(root);
        if (conversionError is null)
        {
            var structural = new List<FieldError>();
            StructuralInvariants.Check(root, fieldPath, structural);
            StructuralCompleteness.Check(root, fieldPath, structural);
            structural.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
            errors.AddRange(structural);
            if (structural.Count == 0)
                CheckDefaults(root, fieldPath, insideMeta: false, isResourceRoot: true, errors);
        }
        CrdSchemaRules.Check(root, fieldPath, errors);

        // The server reports a failed conversion only when nothing more specific was found.
        if (errors.Count == 0 && conversionError is not null)
            errors.Add(FieldError.Invalid(fieldPath, "", conversionError));
        return errors;
    }

    // NewStructural refuses these keywords; its refusal stops all structural checks.
    private static string? ConversionError(SchemaNode? s)
    {
        if (s is null)
            return null;
        return OwnConversionError(s)
            ?? s.Properties.Select(p => ConversionError(p.Value)).FirstOrDefault(e => e is not null)
            ?? ConversionError(s.Items)
            ?? ConversionError(s.AdditionalProperties)
            ?? ConversionError(s.Not)
            ?? s.AllOf.Concat(s.AnyOf).Concat(s.OneOf).Select(ConversionError).FirstOrDefault(e => e is not null);
    }

    private static string? OwnConversionError(SchemaNode s)
    {
        var source = s.Source;
        if (!string.IsNullOrEmpty(source.Id))
            return "OpenAPIV3Schema 'id' is not supported";
        if (!string.IsNullOrEmpty(source.Schema))
            return "OpenAPIV3Schema 'schema' is not supported";
        if (!string.IsNullOrEmpty(source.RefProperty))
            return "OpenAPIV3Schema '$ref' is not supported";
        if (source.PatternProperties is { Count: > 0 })
            return "OpenAPIV3Schema 'patternProperties' is not supported";
        if (source.Dependencies is { Count: > 0 })
            return "OpenAPIV3Schema 'dependencies' is not supported";
        if (source.AdditionalItems is not null)
            return "OpenAPIV3Schema 'additionalItems' is not supported";
        if (source.Definitions is { Count: > 0 })
            return "OpenAPIV3Schema 'definitions' is not supported";
        if (source.XKubernetesPreserveUnknownFields == false)
            return "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined";
        return s.ItemsKind == SlotKind.Array ? "OpenAPIV3Schema 'items' must be a schema, but is an array" : null;
    }

    // defaulting/validation.go: a default must survive pruning unchanged and validate against its
    // own node. Defaults inside an object's metadata need the surrounding object and are skipped.
    private static void CheckDefaults(SchemaNode s, string path, bool insideMeta, bool isResourceRoot, List<FieldError> errors)
    {
        var embedded = isResourceRoot || s.EmbeddedResource;
        if (embedded)
            insideMeta = false;
        if (s.Default is { } value && !insideMeta)
        {
            var pruned = value.DeepClone();
            Pruning.Prune(pruned, s, embedded);
            if (!JsonValues.DeepEqual(pruned, value))
                errors.Add(FieldError.Invalid(path + ".default", JsonValues.GoValue(value), "must not have unknown fields"));
            errors.AddRange(SchemaValidator.ValidateValue(OpenApiValidator.Defaults, path + ".default", s, value));
        }
        if (s.Items is not null)
            CheckDefaults(s.Items, path + ".items", insideMeta, false, errors);
        foreach (var (name, property) in s.Properties)
        {
            var meta = insideMeta || (embedded && name is "metadata" or "apiVersion" or "kind");
            CheckDefaults(property, StructuralInvariants.Properties(path, name), meta, false, errors);
        }
    }
}
