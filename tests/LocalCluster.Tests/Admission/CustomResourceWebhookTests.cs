using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tests.Tables;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

public class CustomResourceWebhookTests(AdmissionFixture cluster) : IClassFixture<AdmissionFixture>
{
    private static string CloneSet(string ns, string name, int replicas) =>
        $"apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  replicas: {replicas}\n"
        + "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";

    [Fact]
    public async Task Webhooks_mutate_and_validate_a_cloneset()
    {
        (await cluster.Kubectl($"apply -f {RepositoryFiles.PathOf("deploy", "crds", "apps.kruise.io_clonesets.yaml")}")).Ok();
        var ns = await cluster.Namespace("crd");
        cluster.Webhooks.Handle("/cloneset-default", r => WebhookServer.Patch(r, Hooks.AddLabel(r, "defaulted-by", "webhook")));
        cluster.Webhooks.Handle("/cloneset-validate", r =>
            r["object"]!["spec"]!["replicas"]!.GetValue<int>() > 5 ? WebhookServer.Deny(r, "replicas must be at most 5") : WebhookServer.Allow(r));
        var rule = Hooks.Rule("apps.kruise.io", "v1alpha1", "clonesets", "CREATE", "UPDATE");
        await cluster.Mutating($"cloneset-{ns}", Hooks.Mutating("default.clonesets.test.io", cluster.UrlClient("/cloneset-default"), ns, rule));
        await cluster.Validating(Hooks.Validating("validate.clonesets.test.io", cluster.UrlClient("/cloneset-validate"), ns, rule));

        (await cluster.Kubectl("apply -f -", CloneSet(ns, "web", 2))).Ok();
        var stored = (await cluster.Kubectl($"get cloneset web -n {ns} -o json")).Ok();
        Assert.Equal("webhook", JsonNode.Parse(stored.Stdout)!["metadata"]!["labels"]!["defaulted-by"]!.GetValue<string>());

        var refused = await cluster.Kubectl("apply -f -", CloneSet(ns, "big", 9));
        Assert.Contains("admission webhook \"validate.clonesets.test.io\" denied the request: replicas must be at most 5", refused.Stderr);

        var review = cluster.Webhooks.Received("/cloneset-validate")[0];
        Assert.Equal("CloneSet", review["kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("apps.kruise.io", review["resource"]!["group"]!.GetValue<string>());
        Assert.Equal("apps.kruise.io/v1alpha1", review["object"]!["apiVersion"]!.GetValue<string>());
        Assert.Equal("webhook", Hooks.Label(review, "defaulted-by"));
    }

    private const string Widgets = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.test.io
        spec:
          group: example.test.io
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
          - name: v2
            served: true
            storage: false
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    [Fact]
    public async Task Match_policy_Equivalent_calls_a_webhook_written_for_another_version_at_its_version()
    {
        (await cluster.Kubectl("apply -f -", Widgets)).Ok();
        var ns = await cluster.Namespace("equiv");
        cluster.Webhooks.Handle("/widgets-v2", r => WebhookServer.Allow(r));
        cluster.Webhooks.Handle("/widgets-v2-exact", r => WebhookServer.Allow(r));
        var exact = Hooks.Validating("exact.widgets.test.io", cluster.UrlClient("/widgets-v2-exact"), ns, Hooks.Rule("example.test.io", "v2", "widgets"));
        exact.MatchPolicy = "Exact";
        await cluster.Validating(Hooks.Validating("equivalent.widgets.test.io", cluster.UrlClient("/widgets-v2"), ns, Hooks.Rule("example.test.io", "v2", "widgets")), exact);

        (await cluster.Kubectl("apply -f -", $"apiVersion: example.test.io/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: {ns}\nsize: 3\n")).Ok();

        var review = cluster.Webhooks.Received("/widgets-v2").Single();
        Assert.Equal("v2", review["kind"]!["version"]!.GetValue<string>());
        Assert.Equal("v2", review["resource"]!["version"]!.GetValue<string>());
        Assert.Equal("v1", review["requestKind"]!["version"]!.GetValue<string>());
        Assert.Equal("v1", review["requestResource"]!["version"]!.GetValue<string>());
        Assert.Equal("example.test.io/v2", review["object"]!["apiVersion"]!.GetValue<string>());
        Assert.Equal(3, review["object"]!["size"]!.GetValue<int>());
        Assert.Empty(cluster.Webhooks.Received("/widgets-v2-exact"));
    }
}
