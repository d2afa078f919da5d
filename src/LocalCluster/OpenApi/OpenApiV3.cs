using System.Text.Json.Nodes;
using k8s.Models;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// The /openapi/v3 documents: an index naming one document per group-version, and the documents. kubectl
/// uses them for explain (schemas found by x-kubernetes-group-version-kind, refs followed), for apply's
/// strategic merge patches (patch extensions) and to learn that the server validates fields (PATCH's
/// fieldValidation parameter). Pure functions of the served resources; cache them per registry snapshot.
/// </summary>
public static class OpenApiV3
{
    /// <summary>The document path of a resource's group-version: "api/v1" or "apis/apps/v1".</summary>
    public static string PathOf(ResourceType resource) =>
        resource.Group.Length == 0 ? $"api/{resource.Version}" : $"apis/{resource.Group}/{resource.Version}";

    /// <summary>Every served group-version's document path, in ordinal order.</summary>
    public static IReadOnlyList<string> GroupVersionPaths(IReadOnlyList<ResourceType> resources) =>
        resources.Select(PathOf).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The index: {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=H"},...}}, H being the
    /// hash of that document, so it changes exactly when the document does.
    /// </summary>
    public static JsonObject Index(IReadOnlyList<ResourceType> resources)
    {
        var paths = new JsonObject();
        foreach (var path in GroupVersionPaths(resources))
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={CanonicalJson.Hash(Document(resources, path)!)}" };
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of one group-version ("api/v1", "apis/apps.kruise.io/v1alpha1"), or null when nothing is served there.</summary>
    public static JsonObject? Document(IReadOnlyList<ResourceType> resources, string groupVersionPath)
    {
        var members = resources.Where(r => PathOf(r) == groupVersionPath)
            .OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
        if (members.Count == 0)
            return null;

        var schemas = new SchemaSet();
        schemas.AddModel(typeof(V1Status));
        schemas.AddModel(typeof(V1DeleteOptions));
        schemas.Add(ModelNames.Patch, new JsonObject
        {
            ["description"] = "The body of a PATCH request; its content type says how it applies.",
            ["type"] = "object",
        });
        var paths = new JsonObject();
        foreach (var resource in members)
        {
            var (kind, list) = schemas.AddResource(resource);
            foreach (var (path, item) in ResourcePaths.For(resource, kind, list))
                paths[path] = item;
        }

        return CanonicalJson.Sorted(new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "unversioned" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.ToJson(),
                ["securitySchemes"] = new JsonObject
                {
                    ["BearerToken"] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["description"] = "Bearer Token authentication",
                        ["name"] = "authorization",
                        ["in"] = "header",
                    },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        });
    }
}
