using System.Text.Json.Nodes;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// Validates a custom resource against its CRD version's schema as apiextensions-apiserver does on
/// create and update: the OpenAPI checks (kube-openapi, through apiextensions' conversion to field
/// errors) followed by x-kubernetes-list-type uniqueness. The causes carry the server's exact texts,
/// ready for <see cref="ApiException.Invalid"/>:
/// <c>spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0</c>.
/// Paths of OpenAPI errors are openapi paths ("spec.matchLabels.app", "spec.items[0].name"); errors
/// about the value as a whole (anyOf/oneOf/allOf/not) land on Go's nil path, shown as "&lt;nil&gt;",
/// exactly as the real server shows them. Object metadata, CEL rules (x-kubernetes-validations) and
/// the scale subresource's checks are not covered here.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Validates <paramref name="obj"/> (already pruned and defaulted); returns no causes when it is valid.</summary>
    public static IReadOnlyList<ApiErrorCause> Validate(JsonObject obj, V1JSONSchemaProps? schema) =>
        Errors(obj, schema).Select(e => e.ToCause()).ToList();

    /// <summary>The causes as the server prints them in a message: "field: body".</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<ApiErrorCause> causes) =>
        causes.Select(c => $"{c.Field}: {c.Message}").ToList();

    internal static List<FieldError> Errors(JsonObject obj, V1JSONSchemaProps? schema)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (schema is null)
            return [];
        var node = SchemaNode.Of(schema);
        var errors = ValidateValue(OpenApiValidator.CustomResource, null, node, obj);
        ListTypeValidation.Validate(null, node, obj, errors);
        return errors;
    }

    /// <summary>ValidateCustomResource(fldPath, value, validator): the OpenAPI errors as field errors under <paramref name="fieldPath"/>.</summary>
    internal static List<FieldError> ValidateValue(OpenApiValidator validator, string? fieldPath, SchemaNode node, JsonNode? value) =>
        validator.Validate(node, value, "").Errors.Select(e => e.ToFieldError(fieldPath)).ToList();
}
