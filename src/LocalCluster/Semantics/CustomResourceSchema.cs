using System.Net;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Schemas;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// What the apiextensions server does with a custom resource's structural schema on every write:
/// prune unknown fields (a warning, or 400 under fieldValidation=Strict), apply defaults, and
/// after mutating admission validate, answering 422 with each failing field.
/// </summary>
public static class CustomResourceSchema
{
    public static JsonObject PruneAndDefault(ResourceType type, JsonObject obj, WriteOptions options)
    {
        if (!type.IsCustom || type.Schema is null)
            return obj;
        var pruned = SchemaPruner.Prune(obj, type.Schema);
        if (pruned.UnknownFields.Count > 0)
        {
            var unknown = string.Join(", ", pruned.UnknownFields.Select(f => $"unknown field \"{f}\""));
            if (options.FieldValidation == "Strict")
                throw ApiException.BadRequest($"strict decoding error: {unknown}");
            if (options.FieldValidation != "Ignore")
                options.Warnings.AddRange(pruned.UnknownFields.Select(f => $"unknown field \"{f}\""));
        }
        return SchemaDefaulter.Apply(pruned.Object, type.Schema);
    }

    public static void Validate(ResourceType type, JsonObject obj)
    {
        if (!type.IsCustom || type.Schema is null)
            return;
        var causes = SchemaValidator.Validate(obj, type.Schema);
        if (causes.Count > 0)
            throw ApiException.Invalid(QualifiedKind(type), ObjectMeta.Name(obj) ?? "", causes);
    }

    /// <summary>Kind.group, as the apiserver names custom resources in its errors.</summary>
    public static string QualifiedKind(ResourceType type) => type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";

    /// <summary>A CRD whose schema is not structural is refused, as the apiextensions server does.</summary>
    public static void CheckCrd(JsonObject crd, k8s.Models.V1CustomResourceDefinition parsed)
    {
        var causes = new List<ApiErrorCause>();
        var versions = parsed.Spec?.Versions ?? [];
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Schema?.OpenAPIV3Schema is { } schema)
                causes.AddRange(StructuralSchema.CheckCauses(schema, $"spec.versions[{i}].schema.openAPIV3Schema"));
        }
        if (causes.Count > 0)
            throw new ApiException(HttpStatusCode.UnprocessableEntity, "Invalid",
                ApiException.InvalidMessage("CustomResourceDefinition.apiextensions.k8s.io", ObjectMeta.Name(crd) ?? "", causes), causes);
    }
}
