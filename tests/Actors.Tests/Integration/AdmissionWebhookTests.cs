using System.Text.Json.Nodes;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// The controller's CloneSet webhooks as a user meets them: real kubectl against the embedded API
/// server, which calls the controller over HTTPS exactly as a real API server would.
/// </summary>
public sealed class AdmissionWebhookTests(WebhookCluster cluster) : IClassFixture<WebhookCluster>
{
    private static string Yaml(string name, string ns, string strategy = "", string image = "nginx:1.25", string env = "") =>
        CloneSetSession.Yaml(name, 2, extraSpec: strategy, ns: ns, image: image, containerExtra: env);

    private static string Strategy(string body) => "  updateStrategy:\n" + string.Join('\n', body.Split('\n').Select(l => "    " + l));

    [Theory]
    [InlineData("type: InPlaceOnly\nmaxSurge: 1", "spec.updateStrategy.maxSurge: must be 0 with InPlaceOnly")]
    [InlineData("partition: 150%", "spec.updateStrategy.partition: must not be greater than 100%")]
    [InlineData("maxUnavailable: 0\nmaxSurge: 0", "spec.updateStrategy.maxUnavailable")]
    public async Task An_invalid_CloneSet_is_refused_by_kubectl_apply_with_the_field_named_and_nothing_is_created(string strategy, string expected)
    {
        var ns = await cluster.Namespace();

        var apply = (await cluster.Kubectl("apply -f -", Yaml("bad", ns, Strategy(strategy)))).Fails();

        // kubectl words a webhook's Invalid denial as it words the API server's own validation.
        Assert.StartsWith("The CloneSet \"bad\" is invalid: " + expected, apply.Stderr, StringComparison.Ordinal);
        var get = (await cluster.Kubectl($"get cloneset bad -n {ns}")).Fails();
        Assert.Contains("NotFound", get.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_CloneSet_is_created_with_OpenKruise_defaults_filled_in()
    {
        var ns = await cluster.Namespace();

        (await cluster.Kubectl("apply -f -", Yaml("web", ns))).Ok();

        var stored = JsonNode.Parse((await cluster.Kubectl($"get cloneset web -n {ns} -o json")).Ok().Stdout)!;
        var spec = stored["spec"]!;
        Assert.Equal("ReCreate", spec["updateStrategy"]!["type"]!.GetValue<string>());
        Assert.Equal("20%", spec["updateStrategy"]!["maxUnavailable"]!.ToString());
        Assert.Equal("0", spec["updateStrategy"]!["maxSurge"]!.ToString());
        Assert.Equal(10, spec["revisionHistoryLimit"]!.GetValue<int>());
        Assert.Equal("IfNotPresent", spec["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal(2, spec["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Under_InPlaceOnly_an_image_change_is_accepted_and_an_env_change_refused()
    {
        var ns = await cluster.Namespace();
        var inPlaceOnly = Strategy("type: InPlaceOnly");
        (await cluster.Kubectl("apply -f -", Yaml("web", ns, inPlaceOnly))).Ok();

        (await cluster.Kubectl("apply -f -", Yaml("web", ns, inPlaceOnly, image: "nginx:1.26"))).Ok();
        var env = "        env:\n        - name: MODE\n          value: fast";
        var refused = (await cluster.Kubectl("apply -f -", Yaml("web", ns, inPlaceOnly, image: "nginx:1.26", env: env))).Fails();

        Assert.StartsWith("The CloneSet \"web\" is invalid: spec.template: only container images, labels and annotations may change with updateStrategy.type InPlaceOnly, but spec.template.spec.containers[0].env changed", refused.Stderr, StringComparison.Ordinal);
        var stored = JsonNode.Parse((await cluster.Kubectl($"get cloneset web -n {ns} -o json")).Ok().Stdout)!;
        var container = stored["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1.26", container["image"]!.GetValue<string>());
        Assert.Null(container["env"]);
    }
}
