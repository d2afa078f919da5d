using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// The schemas of whole objects the server makes up rather than reflects: a custom resource (its CRD's
/// openAPIV3Schema with apiVersion, kind and metadata added, as the apiserver publishes it) and the list
/// kind of every resource.
/// </summary>
public static class KindSchemas
{
    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers convert recognized schemas to the latest internal value, and may reject unrecognized values.";

    private const string KindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.";

    /// <summary>Kubernetes names a custom resource's schema by its reversed group: io.kruise.apps.v1alpha1.CloneSet.</summary>
    public static string CustomResourceName(string group, string version, string kind) =>
        $"{string.Join('.', group.Split('.').Reverse())}.{version}.{kind}";

    /// <summary>The schema of a custom resource at one version.</summary>
    public static JsonObject CustomResource(ResourceType resource)
    {
        var schema = resource.Schema is null
            ? new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true }
            : JsonNode.Parse(KubernetesJson.Serialize(resource.Schema))!.AsObject();
        schema["type"] = "object";
        if (schema["properties"] is not JsonObject properties)
            schema["properties"] = properties = [];
        properties["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" };
        properties["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" };
        properties["metadata"] = new JsonObject
        {
            ["allOf"] = new JsonArray(ModelSchemas.Ref(ModelNames.ObjectMeta)),
            ["description"] = "Standard object's metadata.",
        };
        schema["x-kubernetes-group-version-kind"] = ModelSchemas.GroupVersionKind(resource.Group, resource.Version, resource.Kind);
        return schema;
    }

    /// <summary>The schema of a resource's list kind, whose items are the named kind schema.</summary>
    public static JsonObject List(ResourceType resource, string kindSchema) => new()
    {
        ["description"] = $"{resource.ListKind} is a list of {resource.Kind} objects.",
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" },
            ["items"] = new JsonObject
            {
                ["description"] = $"The {resource.Plural}.",
                ["type"] = "array",
                ["items"] = ModelSchemas.Ref(kindSchema),
            },
            ["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" },
            ["metadata"] = new JsonObject
            {
                ["allOf"] = new JsonArray(ModelSchemas.Ref(ModelNames.ListMeta)),
                ["description"] = "Standard list metadata.",
            },
        },
        ["x-kubernetes-group-version-kind"] = ModelSchemas.GroupVersionKind(resource.Group, resource.Version, resource.ListKind),
    };

    /// <summary>A built-in kind KubernetesClient has no model for: published open, so clients still find it.</summary>
    public static JsonObject Opaque(ResourceType resource) => new()
    {
        ["type"] = "object",
        ["x-kubernetes-preserve-unknown-fields"] = true,
        ["x-kubernetes-group-version-kind"] = ModelSchemas.GroupVersionKind(resource.Group, resource.Version, resource.Kind),
    };
}
