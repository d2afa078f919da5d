using System.Text.Json.Nodes;
using k8s;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

public class MutatingWebhookTests(AdmissionFixture cluster) : IClassFixture<AdmissionFixture>
{
    [Fact]
    public async Task A_json_patch_adds_a_label_before_storage_and_validation()
    {
        var ns = await cluster.Namespace("mutate");
        cluster.Webhooks.Handle("/add-label", r => WebhookServer.Patch(r, Hooks.AddLabel(r, "injected", "yes")));
        cluster.Webhooks.Handle("/require-label", r => Hooks.Label(r, "injected") == "yes" ? WebhookServer.Allow(r) : WebhookServer.Deny(r, "not injected"));
        await cluster.Mutating($"add-label-{ns}", Hooks.Mutating("add-label.test.io", cluster.UrlClient("/add-label"), ns, Hooks.Rule("", "v1", "configmaps")));
        await cluster.Validating(Hooks.Validating("require-label.test.io", cluster.UrlClient("/require-label"), ns, Hooks.Rule("", "v1", "configmaps")));

        var created = await cluster.ConfigMap(ns, "plain");
        Assert.Equal("yes", created.Metadata.Labels["injected"]);
        var labelled = await cluster.ConfigMap(ns, "labelled", new Dictionary<string, string> { ["own"] = "1" });
        Assert.Equal("1", labelled.Metadata.Labels["own"]);
        Assert.Equal("yes", labelled.Metadata.Labels["injected"]);
        var stored = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("plain", ns);
        Assert.Equal("yes", stored.Metadata.Labels["injected"]);
    }

    [Fact]
    public async Task A_webhook_with_reinvocation_if_needed_is_called_again_after_a_later_change()
    {
        var ns = await cluster.Namespace("reinvoke");
        cluster.Webhooks.Handle("/first", r => Hooks.Label(r, "first") is null ? WebhookServer.Patch(r, Hooks.AddLabel(r, "first", "1")) : WebhookServer.Allow(r));
        cluster.Webhooks.Handle("/second", r => Hooks.Label(r, "second") is null ? WebhookServer.Patch(r, Hooks.AddLabel(r, "second", "2")) : WebhookServer.Allow(r));
        // Configurations run in name order: "a-..." before "b-...".
        await cluster.Mutating($"a-first-{ns}", Hooks.Mutating("first.test.io", cluster.UrlClient("/first"), ns, Hooks.Rule("", "v1", "configmaps"), "IfNeeded"));
        await cluster.Mutating($"b-second-{ns}", Hooks.Mutating("second.test.io", cluster.UrlClient("/second"), ns, Hooks.Rule("", "v1", "configmaps")));

        var created = await cluster.ConfigMap(ns, "both");
        Assert.Equal("1", created.Metadata.Labels["first"]);
        Assert.Equal("2", created.Metadata.Labels["second"]);
        var first = cluster.Webhooks.Received("/first");
        Assert.Equal(2, first.Count);
        Assert.Equal("2", Hooks.Label(first[1], "second"));
        Assert.Single(cluster.Webhooks.Received("/second"));
    }

    [Fact]
    public async Task A_patch_that_cannot_apply_is_an_internal_error()
    {
        var ns = await cluster.Namespace("badpatch");
        cluster.Webhooks.Handle("/bad-patch", r => WebhookServer.Patch(r, [new JsonObject { ["op"] = "remove", ["path"] = "/nothing/here" }]));
        await cluster.Mutating($"bad-patch-{ns}", Hooks.Mutating("bad-patch.test.io", cluster.UrlClient("/bad-patch"), ns, Hooks.Rule("", "v1", "configmaps")));

        var (code, message) = await AdmissionFixture.Refusal(() => cluster.ConfigMap(ns, "x"));
        Assert.Equal(500, code);
        Assert.StartsWith("Internal error occurred:", message);
    }

    [Fact]
    public async Task A_mutating_denial_refuses_the_request()
    {
        var ns = await cluster.Namespace("mutdeny");
        cluster.Webhooks.Handle("/mut-deny", r => WebhookServer.Deny(r, "mutator says no"));
        await cluster.Mutating($"mut-deny-{ns}", Hooks.Mutating("mut-deny.test.io", cluster.UrlClient("/mut-deny"), ns, Hooks.Rule("", "v1", "configmaps")));

        var refused = await cluster.Kubectl($"create configmap x -n {ns} --from-literal=a=b");
        Assert.Contains("admission webhook \"mut-deny.test.io\" denied the request: mutator says no", refused.Stderr);
    }
}
