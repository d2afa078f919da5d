using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using GroupVersionKind = (string Group, string Version, string Kind);

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// The REST paths of one resource in OpenAPI 3 form. Each operation carries x-kubernetes-action and
/// x-kubernetes-group-version-kind: kubectl explain finds a resource's kind through them, and kubectl
/// apply reads the PATCH operation's content types (strategic merge or not) and parameters (fieldValidation).
/// </summary>
internal static class ResourcePaths
{
    public const string Status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    public const string DeleteOptions = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
    public const string Scale = "io.k8s.api.autoscaling.v1.Scale";

    /// <summary>Built-in types take strategic merge patches; custom resources take JSON and merge patches only.</summary>
    public static IReadOnlyList<string> PatchContentTypes(bool strategicMerge) => strategicMerge
        ? ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]
        : ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];

    /// <summary>The paths of a resource, given the schema names of its kind and of its list kind.</summary>
    public static IEnumerable<(string Path, JsonObject Item)> For(ResourceType resource, string kindSchema, string listSchema)
    {
        var prefix = resource.Group.Length == 0 ? $"/api/{resource.Version}" : $"/apis/{resource.Group}/{resource.Version}";
        var collection = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}" : $"{prefix}/{resource.Plural}";
        var ids = new OperationIds(resource);
        var gvk = (resource.Group, resource.Version, resource.Kind);
        var patchTypes = PatchContentTypes(!resource.IsCustom);

        yield return (collection, Item(OperationParameters.ForPath(resource.Kind, named: false, resource.Namespaced),
            ("get", Operation("list", $"list or watch objects of kind {resource.Kind}", ids.Make("list", ""), gvk, OperationParameters.ForList(), null, Ok(listSchema))),
            ("post", Operation("post", $"create a {resource.Kind}", ids.Make("create", ""), gvk, OperationParameters.ForWrite(), Body(["*/*"], kindSchema), Created(kindSchema))),
            ("delete", Operation("deletecollection", $"delete collection of {resource.Kind}", ids.Make("delete", "", collection: true), gvk,
                OperationParameters.ForDeleteCollection(), Body(["*/*"], DeleteOptions, required: false), Ok(Status)))));

        var named = $"{collection}/{{name}}";
        yield return (named, Item(OperationParameters.ForPath(resource.Kind, named: true, resource.Namespaced),
            ("get", Operation("get", $"read the specified {resource.Kind}", ids.Make("read", ""), gvk, [], null, Ok(kindSchema))),
            ("put", Operation("put", $"replace the specified {resource.Kind}", ids.Make("replace", ""), gvk, OperationParameters.ForWrite(), Body(["*/*"], kindSchema), Created(kindSchema))),
            ("patch", Operation("patch", $"partially update the specified {resource.Kind}", ids.Make("patch", ""), gvk, OperationParameters.ForPatch(), Body(patchTypes, ModelNames.Patch), Created(kindSchema))),
            ("delete", Operation("delete", $"delete a {resource.Kind}", ids.Make("delete", ""), gvk, OperationParameters.ForDelete(), Body(["*/*"], DeleteOptions, required: false), Ok(Status)))));

        if (resource.HasStatus)
            yield return ($"{named}/status", Subresource(resource, ids, "Status", "status", gvk, kindSchema, patchTypes));
        if (resource.Scale is not null)
            yield return ($"{named}/scale", Subresource(resource, ids, "Scale", "scale", ("autoscaling", "v1", "Scale"), Scale, patchTypes));
        if (resource.Namespaced)
            yield return ($"{prefix}/{resource.Plural}", Item(OperationParameters.ForPath(resource.Kind, named: false, namespaced: false),
                ("get", Operation("list", $"list or watch objects of kind {resource.Kind}", ids.Make("list", "", allNamespaces: true), gvk,
                    OperationParameters.ForList(), null, Ok(listSchema)))));
    }

    public static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["kind"] = kind, ["version"] = version };

    private static JsonObject Subresource(ResourceType resource, OperationIds ids, string suffix, string name, GroupVersionKind gvk, string schema, IReadOnlyList<string> patchTypes) =>
        Item(OperationParameters.ForPath(resource.Kind, named: true, resource.Namespaced),
            ("get", Operation("get", $"read {name} of the specified {resource.Kind}", ids.Make("read", suffix), gvk, [], null, Ok(schema))),
            ("put", Operation("put", $"replace {name} of the specified {resource.Kind}", ids.Make("replace", suffix), gvk,
                OperationParameters.ForWrite(), Body(["*/*"], schema), Created(schema))),
            ("patch", Operation("patch", $"partially update {name} of the specified {resource.Kind}", ids.Make("patch", suffix), gvk,
                OperationParameters.ForPatch(), Body(patchTypes, ModelNames.Patch), Created(schema))));

    private static JsonObject Item(JsonArray parameters, params (string Method, JsonObject Operation)[] operations)
    {
        var item = new JsonObject { ["parameters"] = parameters };
        foreach (var (method, operation) in operations)
            item[method] = operation;
        return item;
    }

    private static JsonObject Operation(string action, string description, (string Id, string Tag) id, GroupVersionKind gvk,
        JsonArray parameters, JsonObject? body, JsonObject responses)
    {
        var operation = new JsonObject
        {
            ["description"] = description,
            ["operationId"] = id.Id,
            ["tags"] = new JsonArray(id.Tag),
            ["responses"] = responses,
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(gvk.Group, gvk.Version, gvk.Kind),
        };
        if (parameters.Count > 0)
            operation["parameters"] = parameters;
        if (body is not null)
            operation["requestBody"] = body;
        return operation;
    }

    private static JsonObject Body(IReadOnlyList<string> contentTypes, string schema, bool required = true)
    {
        var content = new JsonObject();
        foreach (var type in contentTypes)
            content[type] = new JsonObject { ["schema"] = ModelSchemas.Ref(schema) };
        var body = new JsonObject { ["content"] = content };
        if (required)
            body["required"] = true;
        return body;
    }

    private static JsonObject Ok(string schema) => new() { ["200"] = Response("OK", schema), ["401"] = Unauthorized() };

    private static JsonObject Created(string schema) => new()
    {
        ["200"] = Response("OK", schema),
        ["201"] = Response("Created", schema),
        ["401"] = Unauthorized(),
    };

    private static JsonObject Response(string description, string schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject { ["schema"] = ModelSchemas.Ref(schema) },
            ["application/yaml"] = new JsonObject { ["schema"] = ModelSchemas.Ref(schema) },
        },
    };

    private static JsonObject Unauthorized() => new() { ["description"] = "Unauthorized" };

    /// <summary>Operation ids as Kubernetes spells them: readCoreV1NamespacedPod, listAppsV1DeploymentForAllNamespaces.</summary>
    private sealed class OperationIds(ResourceType resource)
    {
        private readonly string _groupVersion = GroupWord(resource.Group) + char.ToUpperInvariant(resource.Version[0]) + resource.Version[1..];
        private readonly string _tag = Camel(GroupWord(resource.Group)) + "_" + resource.Version;

        public (string Id, string Tag) Make(string verb, string suffix, bool collection = false, bool allNamespaces = false)
        {
            var scope = resource.Namespaced && !allNamespaces ? "Namespaced" : "";
            var id = $"{verb}{_groupVersion}{(collection ? "Collection" : "")}{scope}{resource.Kind}{suffix}{(allNamespaces ? "ForAllNamespaces" : "")}";
            return (id, _tag);
        }

        private static string GroupWord(string group) => group.Length == 0 ? "Core" : string.Concat(
            (group.EndsWith(".k8s.io", StringComparison.Ordinal) ? group[..^".k8s.io".Length] : group)
                .Split('.', '-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

        private static string Camel(string word) => char.ToLowerInvariant(word[0]) + word[1..];
    }
}
