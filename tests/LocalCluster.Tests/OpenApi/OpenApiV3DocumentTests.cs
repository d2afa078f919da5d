using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.OpenApi;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>The group-version documents: what kubectl explain and kubectl apply read from them.</summary>
public class OpenApiV3DocumentTests
{
    private static readonly IReadOnlyList<Resources.ResourceType> Resources = TestResources.WithCloneSet().All;

    [Fact]
    public void Pod_schema_carries_its_group_version_kind_and_refers_to_its_parts()
    {
        var schemas = Schemas("api/v1");
        var pod = schemas["io.k8s.api.core.v1.Pod"]!;

        Assert.Equal("""[{"group":"","kind":"Pod","version":"v1"}]""", pod["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.PodSpec", RefOf(pod["properties"]!["spec"]!));
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", RefOf(pod["properties"]!["metadata"]!));
        var containers = schemas["io.k8s.api.core.v1.PodSpec"]!["properties"]!["containers"]!;
        Assert.Equal("array", containers["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", RefOf(containers["items"]!));
        Assert.NotNull(schemas["io.k8s.api.core.v1.Container"]!["properties"]!["image"]);
        Assert.Equal("""[{"group":"","kind":"PodList","version":"v1"}]""", schemas["io.k8s.api.core.v1.PodList"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
    }

    [Fact]
    public void Custom_resource_schema_is_the_CRD_schema_with_type_meta_and_object_meta()
    {
        var schemas = Schemas("apis/apps.kruise.io/v1alpha1");
        var cloneSet = schemas["io.kruise.apps.v1alpha1.CloneSet"]!;

        Assert.Equal("""[{"group":"apps.kruise.io","kind":"CloneSet","version":"v1alpha1"}]""", cloneSet["x-kubernetes-group-version-kind"]!.ToJsonString());
        var properties = cloneSet["properties"]!;
        Assert.Equal("string", properties["apiVersion"]!["type"]!.GetValue<string>());
        Assert.Equal("string", properties["kind"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", RefOf(properties["metadata"]!));
        Assert.NotNull(properties["spec"]!["properties"]!["updateStrategy"]!["properties"]!["partition"]);
        Assert.NotNull(schemas["io.kruise.apps.v1alpha1.CloneSetList"]);
        Assert.NotNull(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
    }

    [Fact]
    public void Every_reference_of_every_document_resolves()
    {
        foreach (var path in OpenApiV3.GroupVersionPaths(Resources))
        {
            var document = OpenApiV3.Document(Resources, path)!;
            var schemas = document["components"]!["schemas"]!.AsObject();
            foreach (var reference in References(document))
            {
                Assert.StartsWith("#/components/schemas/", reference, StringComparison.Ordinal);
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{path}: {reference} does not resolve");
            }
        }
    }

    [Fact]
    public void Patch_operations_list_the_patch_types_and_fieldValidation()
    {
        var pod = Operation("api/v1", "/api/v1/namespaces/{namespace}/pods/{name}", "patch");
        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"],
            pod["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
        Assert.Contains(pod["parameters"]!.AsArray(), IsFieldValidation);

        var cloneSet = Operation("apis/apps.kruise.io/v1alpha1", "/apis/apps.kruise.io/v1alpha1/namespaces/{namespace}/clonesets/{name}", "patch");
        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"],
            cloneSet["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
        Assert.Contains(cloneSet["parameters"]!.AsArray(), IsFieldValidation);
    }

    [Fact]
    public void Every_write_operation_takes_fieldValidation_and_names_its_kind()
    {
        foreach (var path in OpenApiV3.GroupVersionPaths(Resources))
        {
            foreach (var (route, item) in OpenApiV3.Document(Resources, path)!["paths"]!.AsObject())
            {
                foreach (var method in new[] { "post", "put", "patch" })
                {
                    if (item![method] is not JsonObject operation)
                        continue;
                    Assert.True(operation["parameters"]!.AsArray().Any(IsFieldValidation), $"{method} {route}");
                    Assert.NotNull(operation["x-kubernetes-group-version-kind"]?["kind"]);
                    Assert.NotNull(operation["x-kubernetes-action"]);
                }
            }
        }
    }

    [Fact]
    public void Every_resource_has_the_paths_kubectl_explain_searches()
    {
        foreach (var resource in Resources)
        {
            var document = OpenApiV3.Document(Resources, OpenApiV3.PathOf(resource))!;
            var prefix = resource.Group.Length == 0 ? $"/api/{resource.Version}" : $"/apis/{resource.Group}/{resource.Version}";
            var collection = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}" : $"{prefix}/{resource.Plural}";
            var gvk = document["paths"]![collection]!["get"]!["x-kubernetes-group-version-kind"]!;
            Assert.Equal(resource.Kind, gvk["kind"]!.GetValue<string>());
            Assert.Equal(resource.Group, gvk["group"]!.GetValue<string>());

            // explain then needs exactly this GVK on a schema.
            var matching = document["components"]!["schemas"]!.AsObject()
                .Where(s => s.Value!["x-kubernetes-group-version-kind"] is JsonArray kinds && kinds.Any(k => JsonNode.DeepEquals(k, gvk)))
                .ToList();
            Assert.Single(matching);
            Assert.NotNull(matching[0].Value!["properties"]);
        }
    }

    [Fact]
    public void Scale_and_status_subresources_have_paths()
    {
        var paths = OpenApiV3.Document(Resources, "apis/apps/v1")!["paths"]!;
        Assert.Equal("Scale", paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]!["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.NotNull(paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"]!["put"]);
        Assert.NotNull(paths["/apis/apps/v1/deployments"]!["get"]);
        Assert.Null(paths["/apis/apps/v1/namespaces/{namespace}/controllerrevisions/{name}/status"]);
    }

    [Fact]
    public void Documents_are_deterministic_and_sorted()
    {
        var first = OpenApiV3.Document(Resources, "apis/apps/v1")!;
        Assert.Equal(first.ToJsonString(), OpenApiV3.Document(Resources, "apis/apps/v1")!.ToJsonString());
        AssertSorted(first);
    }

    [Fact]
    public void Unknown_group_versions_have_no_document()
    {
        Assert.Null(OpenApiV3.Document(Resources, "apis/apps/v1beta1"));
        Assert.Null(OpenApiV3.Document(Resources, "apis/apps"));
    }

    private static JsonObject Schemas(string path) => OpenApiV3.Document(Resources, path)!["components"]!["schemas"]!.AsObject();

    private static JsonObject Operation(string document, string path, string method) =>
        OpenApiV3.Document(Resources, document)!["paths"]![path]![method]!.AsObject();

    private static bool IsFieldValidation(JsonNode? parameter) =>
        parameter!["name"]!.GetValue<string>() == "fieldValidation" && parameter["in"]!.GetValue<string>() == "query";

    /// <summary>A field refers to a schema directly or, when it carries a description, through a one-element allOf.</summary>
    private static string RefOf(JsonNode field) =>
        (field["$ref"] ?? field["allOf"]![0]!["$ref"])!.GetValue<string>();

    internal static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" && p.Value is JsonValue value && value.TryGetValue<string>(out var text)
            ? [text]
            : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    private static void AssertSorted(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            var keys = obj.Select(p => p.Key).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
            foreach (var (_, value) in obj)
                AssertSorted(value);
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
                AssertSorted(item);
        }
    }
}
