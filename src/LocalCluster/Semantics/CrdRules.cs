using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// Validation of a CustomResourceDefinition on write, and the status the apiextensions server
/// reports once it serves the resource (NamesAccepted, Established).
/// </summary>
public static class CrdRules
{
    public static void OnWrite(JsonObject obj)
    {
        var name = ObjectMeta.Name(obj) ?? "";
        V1CustomResourceDefinition crd;
        try
        {
            crd = KubernetesJson.Deserialize<V1CustomResourceDefinition>(obj.ToJsonString());
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiException.BadRequest($"CustomResourceDefinition \"{name}\" could not be read: {e.Message}");
        }
        var causes = Validate(crd).ToList();
        if (causes.Count > 0)
            throw ApiException.Invalid("CustomResourceDefinition.apiextensions.k8s.io", name, causes);
        CustomResourceSchema.CheckCrd(obj, crd);

        var now = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
        obj["status"] = new JsonObject
        {
            ["acceptedNames"] = obj["spec"]?["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray(crd.Spec.Versions.Where(v => v.Storage).Select(v => (JsonNode?)JsonValue.Create(v.Name)).ToArray()),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
        };
    }

    private static IEnumerable<ApiErrorCause> Validate(V1CustomResourceDefinition crd)
    {
        var spec = crd.Spec;
        if (spec?.Names is null || string.IsNullOrEmpty(spec.Group))
        {
            yield return new("FieldValueRequired", "spec", "Required value: group and names are required");
            yield break;
        }
        if (!spec.Group.Contains('.', StringComparison.Ordinal))
            yield return new("FieldValueInvalid", "spec.group", $"Invalid value: \"{spec.Group}\": should be a domain with at least one dot");
        if (string.IsNullOrEmpty(spec.Names.Plural))
            yield return new("FieldValueRequired", "spec.names.plural", "Required value");
        if (string.IsNullOrEmpty(spec.Names.Kind))
            yield return new("FieldValueRequired", "spec.names.kind", "Required value");
        if (crd.Metadata?.Name != $"{spec.Names.Plural}.{spec.Group}")
            yield return new("FieldValueInvalid", "metadata.name", $"Invalid value: \"{crd.Metadata?.Name}\": must be spec.names.plural+\".\"+spec.group");
        if (spec.Scope is not ("Namespaced" or "Cluster"))
            yield return new("FieldValueNotSupported", "spec.scope", $"Unsupported value: \"{spec.Scope}\": supported values: \"Cluster\", \"Namespaced\"");
        var versions = spec.Versions ?? [];
        if (versions.Count == 0)
        {
            yield return new("FieldValueRequired", "spec.versions", "Required value: must have exactly one version marked as storage version");
            yield break;
        }
        if (versions.Count(v => v.Storage) != 1)
            yield return new("FieldValueInvalid", "spec.versions", "Invalid value: must have exactly one version marked as storage version");
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Schema?.OpenAPIV3Schema is null)
                yield return new("FieldValueRequired", $"spec.versions[{i}].schema.openAPIV3Schema", "Required value: schemas are required");
        }
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
