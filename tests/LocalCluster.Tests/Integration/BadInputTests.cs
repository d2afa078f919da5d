using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>
/// Bad requests get the apiserver's Status errors: 401 without the token, 400 for bodies that do
/// not decode, 422 with field causes for invalid objects; never a 500, and nothing is written.
/// </summary>
public class BadInputTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private const string WidgetCrd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
          "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
            "properties":{"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"required":["color"],
              "properties":{"size":{"type":"integer","minimum":1},"color":{"type":"string","enum":["red","blue"]}}}}}}}]}}
        """;

    [Fact]
    public async Task Requests_without_the_token_are_401_unauthorized()
    {
        var raw = await cluster.Send(HttpMethod.Get, "/api/v1/namespaces", withToken: false);
        var status = raw.Status(HttpStatusCode.Unauthorized);
        Assert.Equal("Unauthorized", (string?)status["reason"]);

        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.KubeconfigPath);
        config.AccessToken = "not-the-token";
        using var stranger = new Kubernetes(config);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => stranger.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_and_yaml_bodies_are_400_bad_request()
    {
        var json = await cluster.Send(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"broken""");
        Assert.Equal("BadRequest", (string?)json.Status(HttpStatusCode.BadRequest)["reason"]);

        var yaml = await cluster.Send(HttpMethod.Post, ConfigMaps, "apiVersion: v1\nkind: ConfigMap\nmetadata: [name: broken\n", "application/yaml");
        Assert.Equal("BadRequest", (string?)yaml.Status(HttpStatusCode.BadRequest)["reason"]);

        var patch = await cluster.Send(HttpMethod.Patch, ConfigMaps + "/kube-root", "{", "application/merge-patch+json");
        Assert.True(patch.Code is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, patch.Text);

        Assert.DoesNotContain((await cluster.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items, c => c.Name() == "broken");
    }

    [Fact]
    public async Task Wrongly_typed_fields_are_400_and_name_the_field()
    {
        var apiVersion = await cluster.Send(HttpMethod.Post, ConfigMaps, """{"apiVersion":5,"kind":"ConfigMap","metadata":{"name":"typed"}}""");
        Assert.Contains("apiVersion", (string?)apiVersion.Status(HttpStatusCode.BadRequest)["message"]);

        var data = await cluster.Send(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"typed"},"data":{"a":1}}""");
        Assert.StartsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap:", (string?)data.Status(HttpStatusCode.BadRequest)["message"]);

        var kind = await cluster.Send(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"typed"}}""");
        kind.Status(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Invalid_names_are_422_with_a_cause_naming_metadata_name()
    {
        var invalid = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "Not_A_Name" } }, "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(invalid.Response.Content);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("ConfigMap", status.Details.Kind);
        Assert.Equal("Not_A_Name", status.Details.Name);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal("metadata.name", cause.Field);
        Assert.Equal("FieldValueInvalid", cause.Reason);
        Assert.StartsWith("ConfigMap \"Not_A_Name\" is invalid: metadata.name: Invalid value: \"Not_A_Name\": a lowercase RFC 1123 subdomain", status.Message);
    }

    [Fact]
    public async Task Custom_resources_failing_their_schema_are_422_with_one_cause_per_field()
    {
        var crd = await cluster.Send(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WidgetCrd);
        Assert.True(crd.Code is HttpStatusCode.Created or HttpStatusCode.Conflict, crd.Text);
        var widget = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"bad"},"spec":{"size":"big"}}""")!;

        var invalid = await Assert.ThrowsAsync<HttpOperationException>(() =>
            cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(widget, "example.com", "v1", "default", "widgets"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(invalid.Response.Content);
        Assert.Equal("Widget.example.com \"bad\" is invalid: [spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\", spec.color: Required value]", status.Message);
        Assert.Equal(("Widget", "example.com", "bad"), (status.Details.Kind, status.Details.Group, status.Details.Name));
        Assert.Equal(["spec.color", "spec.size"], status.Details.Causes.Select(c => c.Field).Order());
    }

    [Fact]
    public async Task Delete_options_are_validated()
    {
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept" } }, "default");

        var policy = await cluster.Send(HttpMethod.Delete, ConfigMaps + "/kept", """{"propagationPolicy":"Sideways"}""");
        Assert.Equal("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Sideways\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"",
            (string?)policy.Status(HttpStatusCode.UnprocessableEntity)["message"]);
        var typed = await cluster.Send(HttpMethod.Delete, ConfigMaps + "/kept", """{"propagationPolicy":5}""");
        typed.Status(HttpStatusCode.BadRequest);
        var dryRun = await cluster.Send(HttpMethod.Post, ConfigMaps + "?dryRun=Sometimes", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry"}}""");
        Assert.Contains("dryRun: Unsupported value", (string?)dryRun.Status(HttpStatusCode.UnprocessableEntity)["message"]);

        Assert.NotNull(await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default"));
    }

    /// <summary>Shapes no client would send on purpose; each must be refused with a 4xx Status, and none stored.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("[]")]
    [InlineData("""{"metadata":5}""")]
    [InlineData("""{"apiVersion":{},"kind":[]}""")]
    [InlineData("""{"kind":5,"metadata":{"name":"odd"}}""")]
    [InlineData("""{"metadata":{"name":["odd"]}}""")]
    [InlineData("""{"metadata":{"name":"odd","namespace":7}}""")]
    [InlineData("""{"metadata":{"generateName":7}}""")]
    [InlineData("""{"metadata":{"name":"odd","labels":"x"}}""")]
    [InlineData("""{"metadata":{"name":"odd","labels":{"a":1}}}""")]
    [InlineData("""{"metadata":{"name":"odd","annotations":{"a":true}}}""")]
    [InlineData("""{"metadata":{"name":"odd","finalizers":{}}}""")]
    [InlineData("""{"metadata":{"name":"odd","ownerReferences":5}}""")]
    [InlineData("""{"metadata":{"name":"odd","resourceVersion":5}}""")]
    [InlineData("""{"metadata":{"name":"odd","uid":{}}}""")]
    public async Task Odd_bodies_are_refused_with_a_status_never_a_500(string body)
    {
        var crd = await cluster.Send(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WidgetCrd);
        Assert.True(crd.Code is HttpStatusCode.Created or HttpStatusCode.Conflict, crd.Text);
        foreach (var (path, apiVersion, kind) in new[]
        {
            ("/apis/example.com/v1/namespaces/default/widgets", "example.com/v1", "Widget"),
            (ConfigMaps, "v1", "ConfigMap"),
            ("/apis/apps/v1/namespaces/default/deployments", "apps/v1", "Deployment"),
            ("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "apiextensions.k8s.io/v1", "CustomResourceDefinition"),
        })
        {
            // The same shape with the right type meta, so the odd field is what gets judged.
            var sent = body;
            if (JsonNode.Parse(body.Length == 0 ? "0" : body) is JsonObject obj && !obj.ContainsKey("apiVersion"))
            {
                obj["apiVersion"] = apiVersion;
                obj["kind"] ??= kind;
                sent = obj.ToJsonString();
            }
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put })
            {
                var answer = await cluster.Send(method, method == HttpMethod.Post ? path : path + "/odd", sent);
                Assert.True((int)answer.Code is >= 400 and < 500, $"{method} {path} {sent}: {(int)answer.Code} {answer.Text}");
                Assert.Equal("Status", (string?)answer.Json?["kind"]);
            }
        }
        Assert.DoesNotContain((await cluster.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Items, c => c.Name() == "odd");
    }
}
