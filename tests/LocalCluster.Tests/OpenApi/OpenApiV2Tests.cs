using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.OpenApi;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>The Swagger 2.0 document older clients fall back to.</summary>
public class OpenApiV2Tests
{
    private static readonly JsonObject Document = OpenApiV2.Document(TestResources.WithCloneSet().All);

    [Fact]
    public void Definitions_hold_every_kind_with_its_group_version_kind()
    {
        Assert.Equal("2.0", Document["swagger"]!.GetValue<string>());
        var definitions = Document["definitions"]!;
        Assert.Equal("""[{"group":"","kind":"Pod","version":"v1"}]""", definitions["io.k8s.api.core.v1.Pod"]!["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.NotNull(definitions["io.k8s.api.apps.v1.Deployment"]);
        Assert.NotNull(definitions["io.kruise.apps.v1alpha1.CloneSet"]);
    }

    [Fact]
    public void References_point_into_definitions_and_resolve()
    {
        var definitions = Document["definitions"]!.AsObject();
        foreach (var reference in OpenApiV3DocumentTests.References(Document))
        {
            Assert.StartsWith("#/definitions/", reference, StringComparison.Ordinal);
            Assert.True(definitions.ContainsKey(reference["#/definitions/".Length..]), reference);
        }
        Assert.DoesNotContain("#/components/", Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Described_references_become_plain_refs_and_int_or_string_a_string_format()
    {
        var pod = Document["definitions"]!["io.k8s.api.core.v1.Pod"]!["properties"]!;
        Assert.Equal("#/definitions/io.k8s.api.core.v1.PodSpec", pod["spec"]!["$ref"]!.GetValue<string>());
        var partition = Document["definitions"]!["io.kruise.apps.v1alpha1.CloneSet"]!["properties"]!["spec"]!["properties"]!["updateStrategy"]!["properties"]!["partition"]!;
        Assert.Null(partition["anyOf"]);
        Assert.Equal("int-or-string", partition["format"]!.GetValue<string>());
    }

    [Fact]
    public void Patch_operations_consume_the_patch_types_and_take_fieldValidation()
    {
        var patch = Document["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}"]!["patch"]!;
        Assert.Contains("application/strategic-merge-patch+json", patch["consumes"]!.AsArray().Select(c => c!.GetValue<string>()));
        var parameters = patch["parameters"]!.AsArray();
        Assert.Contains(parameters, p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["type"]!.GetValue<string>() == "string");
        Assert.Contains(parameters, p => p!["in"]!.GetValue<string>() == "body" && p["schema"]!["$ref"] is not null);
        Assert.Equal("Pod", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
    }
}
