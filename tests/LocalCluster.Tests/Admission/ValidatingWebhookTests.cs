using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

public class ValidatingWebhookTests(AdmissionFixture cluster) : IClassFixture<AdmissionFixture>
{
    private static JsonObject DenyBadLabel(JsonObject request) =>
        Hooks.Label(request, "bad") == "true" ? WebhookServer.Deny(request, "label bad=true is not allowed") : WebhookServer.Allow(request);

    [Fact]
    public async Task Kubectl_shows_the_denial_of_a_configmap_with_a_bad_label()
    {
        var ns = await cluster.Namespace("deny");
        cluster.Webhooks.Handle("/deny-bad-label", DenyBadLabel);
        await cluster.Validating(Hooks.Validating("deny-bad-label.test.io", cluster.UrlClient("/deny-bad-label"), ns, Hooks.Rule("", "v1", "configmaps", "CREATE", "UPDATE")));

        var bad = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  namespace: {ns}\n  labels:\n    bad: \"true\"\ndata:\n  k: v\n";
        var refused = await cluster.Kubectl("apply -f -", bad);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("admission webhook \"deny-bad-label.test.io\" denied the request: label bad=true is not allowed", refused.Stderr);
        Assert.Contains("NotFound", (await cluster.Kubectl($"get configmap bad -n {ns}")).Stderr);

        (await cluster.Kubectl("apply -f -", bad.Replace("\"true\"", "\"false\"", StringComparison.Ordinal))).Ok();
        Assert.Equal("false", (await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("bad", ns)).Metadata.Labels["bad"]);
    }

    [Fact]
    public async Task The_review_carries_the_request_as_the_apiserver_sends_it()
    {
        var ns = await cluster.Namespace("review");
        cluster.Webhooks.Handle("/review", r => WebhookServer.Allow(r));
        await cluster.Validating(Hooks.Validating("review.test.io", cluster.UrlClient("/review"), ns, Hooks.Rule("", "v1", "configmaps", "*")));

        var created = await cluster.ConfigMap(ns, "one", new Dictionary<string, string> { ["a"] = "1" });
        created.Data["k"] = "changed";
        await cluster.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "one", ns);

        var (create, update) = (cluster.Webhooks.Received("/review")[0], cluster.Webhooks.Received("/review")[1]);
        Assert.Equal("CREATE", create["operation"]!.GetValue<string>());
        Assert.Equal("ConfigMap", create["kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("v1", create["kind"]!["version"]!.GetValue<string>());
        Assert.Equal("configmaps", create["resource"]!["resource"]!.GetValue<string>());
        Assert.Equal("configmaps", create["requestResource"]!["resource"]!.GetValue<string>());
        Assert.Equal("one", create["name"]!.GetValue<string>());
        Assert.Equal(ns, create["namespace"]!.GetValue<string>());
        Assert.Equal("kubernetes-admin", create["userInfo"]!["username"]!.GetValue<string>());
        Assert.Equal(["system:masters", "system:authenticated"], create["userInfo"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal("1", Hooks.Label(create, "a"));
        Assert.Null(create["oldObject"]);
        Assert.False(create["dryRun"]!.GetValue<bool>());
        Assert.Equal("CreateOptions", create["options"]!["kind"]!.GetValue<string>());
        Assert.NotEqual(create["uid"]!.GetValue<string>(), update["uid"]!.GetValue<string>());

        Assert.Equal("UPDATE", update["operation"]!.GetValue<string>());
        Assert.Equal("changed", update["object"]!["data"]!["k"]!.GetValue<string>());
        Assert.Equal("v", update["oldObject"]!["data"]!["k"]!.GetValue<string>());
        Assert.Equal("UpdateOptions", update["options"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_denial_keeps_the_webhooks_code_and_a_new_or_removed_configuration_applies_at_once()
    {
        var ns = await cluster.Namespace("code");
        cluster.Webhooks.Handle("/forbid", r => WebhookServer.Deny(r, "no configmaps here", 403));
        var configuration = await cluster.Validating(Hooks.Validating("forbid.test.io", cluster.UrlClient("/forbid"), ns, Hooks.Rule("", "v1", "configmaps")));

        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(403, code);
        Assert.Equal("admission webhook \"forbid.test.io\" denied the request: no configmaps here", message);

        await cluster.Client.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync(configuration.Metadata.Name);
        await cluster.ConfigMap(ns, "x");
    }

    [Fact]
    public async Task An_Invalid_denial_keeps_the_webhooks_details_so_kubectl_names_the_object_and_field()
    {
        var ns = await cluster.Namespace("details");
        cluster.Webhooks.Handle("/invalid", r => WebhookServer.Response(r, false, new JsonObject
        {
            ["code"] = 422,
            ["reason"] = "Invalid",
            ["message"] = "data.k: must not be empty",
            ["details"] = new JsonObject
            {
                ["name"] = "x",
                ["kind"] = "ConfigMap",
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["field"] = "data.k", ["message"] = "must not be empty" }),
            },
        }));
        await cluster.Validating(Hooks.Validating("invalid.test.io", cluster.UrlClient("/invalid"), ns, Hooks.Rule("", "v1", "configmaps")));

        var refused = (await cluster.Kubectl("apply -f -", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: {ns}\ndata:\n  k: \"\"\n")).Fails();

        Assert.StartsWith("The ConfigMap \"x\" is invalid: data.k: must not be empty", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_reach_kubectl()
    {
        var ns = await cluster.Namespace("warn");
        cluster.Webhooks.Handle("/warn", r => WebhookServer.Allow(r, "configmaps are deprecated here"));
        await cluster.Validating(Hooks.Validating("warn.test.io", cluster.UrlClient("/warn"), ns, Hooks.Rule("", "v1", "configmaps")));

        var created = (await cluster.Kubectl($"create configmap w -n {ns} --from-literal=a=b")).Ok();
        Assert.Contains("Warning: configmaps are deprecated here", created.Stderr);
    }

    [Fact]
    public async Task A_dry_run_calls_webhooks_without_side_effects_and_refuses_one_with_them()
    {
        var ns = await cluster.Namespace("dry");
        cluster.Webhooks.Handle("/dry-none", r => WebhookServer.Allow(r));
        cluster.Webhooks.Handle("/dry-some", r => WebhookServer.Allow(r));
        var none = await cluster.Validating(Hooks.Validating("none.test.io", cluster.UrlClient("/dry-none"), ns, Hooks.Rule("", "v1", "configmaps")));

        (await cluster.Kubectl($"create configmap d -n {ns} --from-literal=a=b --dry-run=server")).Ok();
        Assert.True(cluster.Webhooks.Received("/dry-none").Single()["dryRun"]!.GetValue<bool>());

        await cluster.Client.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync(none.Metadata.Name);
        await cluster.Validating(Hooks.Validating("some.test.io", cluster.UrlClient("/dry-some"), ns, Hooks.Rule("", "v1", "configmaps"), sideEffects: "Some"));
        var refused = await cluster.Kubectl($"create configmap d -n {ns} --from-literal=a=b --dry-run=server");
        Assert.Contains("admission webhook \"some.test.io\" does not support dry run", refused.Stderr);
        Assert.Empty(cluster.Webhooks.Received("/dry-some"));
        (await cluster.Kubectl($"create configmap d -n {ns} --from-literal=a=b")).Ok();
        Assert.Single(cluster.Webhooks.Received("/dry-some"));
    }

    [Fact]
    public async Task A_scale_subresource_webhook_sees_a_scale()
    {
        var ns = await cluster.Namespace("scale");
        cluster.Webhooks.Handle("/scale", r => r["object"]!["spec"]!["replicas"]!.GetValue<int>() > 3 ? WebhookServer.Deny(r, "at most 3 replicas") : WebhookServer.Allow(r));
        await cluster.Validating(Hooks.Validating("scale.test.io", cluster.UrlClient("/scale"), ns, Hooks.Rule("apps", "v1", "*/scale", "UPDATE")));
        var deployment = $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: {ns}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
        (await cluster.Kubectl("apply -f -", deployment)).Ok();

        (await cluster.Kubectl($"scale deployment web -n {ns} --replicas=2")).Ok();
        var refused = await cluster.Kubectl($"scale deployment web -n {ns} --replicas=5");
        Assert.Contains("admission webhook \"scale.test.io\" denied the request: at most 3 replicas", refused.Stderr);

        var review = cluster.Webhooks.Received("/scale")[0];
        Assert.Equal("Scale", review["kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("autoscaling", review["kind"]!["group"]!.GetValue<string>());
        Assert.Equal("scale", review["subResource"]!.GetValue<string>());
        Assert.Equal("deployments", review["resource"]!["resource"]!.GetValue<string>());
        Assert.Equal(2, (await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas);
    }
}
