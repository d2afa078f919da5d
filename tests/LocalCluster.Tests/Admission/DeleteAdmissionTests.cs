using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

/// <summary>DELETE and pods/eviction go through validating admission (deletion protection, PodUnavailableBudget).</summary>
public class DeleteAdmissionTests(AdmissionFixture cluster) : IClassFixture<AdmissionFixture>
{
    private static JsonObject ProtectLabelled(JsonObject request) =>
        request["oldObject"]?["metadata"]?["labels"]?["protected"]?.GetValue<string>() == "true"
            ? WebhookServer.Deny(request, "this object is protected from deletion")
            : WebhookServer.Allow(request);

    [Fact]
    public async Task A_delete_webhook_denies_deleting_a_protected_object()
    {
        var ns = await cluster.Namespace("del");
        cluster.Webhooks.Handle("/protect", ProtectLabelled);
        await cluster.Validating(Hooks.Validating("protect.test.io", cluster.UrlClient("/protect"), ns, Hooks.Rule("", "v1", "configmaps", "DELETE")));
        await cluster.ConfigMap(ns, "kept", new Dictionary<string, string> { ["protected"] = "true" });
        await cluster.ConfigMap(ns, "gone");

        var refused = await cluster.Kubectl($"delete configmap kept -n {ns}");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("admission webhook \"protect.test.io\" denied the request: this object is protected from deletion", refused.Stderr);
        await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("kept", ns);
        (await cluster.Kubectl($"delete configmap gone -n {ns}")).Ok();

        var review = cluster.Webhooks.Received("/protect")[0];
        Assert.Equal("DELETE", review["operation"]!.GetValue<string>());
        Assert.Equal("kept", review["name"]!.GetValue<string>());
        Assert.Null(review["object"]);
        Assert.Equal("kept", review["oldObject"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("DeleteOptions", review["options"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_collection_and_dry_run_deletes_are_admitted_too()
    {
        var ns = await cluster.Namespace("delcol");
        cluster.Webhooks.Handle("/protect-all", ProtectLabelled);
        await cluster.Validating(Hooks.Validating("protect-all.test.io", cluster.UrlClient("/protect-all"), ns, Hooks.Rule("", "v1", "configmaps", "DELETE")));
        await cluster.ConfigMap(ns, "kept", new Dictionary<string, string> { ["protected"] = "true" });

        var dry = await cluster.Kubectl($"delete configmap kept -n {ns} --dry-run=server");
        Assert.Contains("protected from deletion", dry.Stderr);
        Assert.True(cluster.Webhooks.Received("/protect-all").Single()["dryRun"]!.GetValue<bool>());

        await AdmissionFixture.Refusal(() => cluster.Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns));
        await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("kept", ns);
    }

    [Fact]
    public async Task An_eviction_is_admitted_as_a_create_of_pods_eviction()
    {
        var ns = await cluster.Namespace("evict");
        cluster.Webhooks.Handle("/evict", r => r["name"]?.GetValue<string>() == "keep" ? WebhookServer.Deny(r, "pod keep may not be evicted") : WebhookServer.Allow(r));
        cluster.Webhooks.Handle("/pod-delete", r => WebhookServer.Allow(r));
        await cluster.Validating(
            Hooks.Validating("evict.test.io", cluster.UrlClient("/evict"), ns, Hooks.Rule("", "v1", "pods/eviction")),
            Hooks.Validating("pod-delete.test.io", cluster.UrlClient("/pod-delete"), ns, Hooks.Rule("", "v1", "pods", "DELETE")));
        foreach (var name in new[] { "keep", "go" })
        {
            await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
            }, ns);
        }

        var eviction = new V1Eviction { Metadata = new V1ObjectMeta { Name = "keep", NamespaceProperty = ns } };
        var (code, message) = await AdmissionFixture.Refusal(() => cluster.Client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, "keep", ns));
        Assert.Equal(400, code);
        Assert.Equal("admission webhook \"evict.test.io\" denied the request: pod keep may not be evicted", message);
        await cluster.Client.CoreV1.ReadNamespacedPodAsync("keep", ns);

        await cluster.Client.CoreV1.CreateNamespacedPodEvictionAsync(new V1Eviction { Metadata = new V1ObjectMeta { Name = "go", NamespaceProperty = ns } }, "go", ns);
        var review = cluster.Webhooks.Received("/evict")[0];
        Assert.Equal("CREATE", review["operation"]!.GetValue<string>());
        Assert.Equal("eviction", review["subResource"]!.GetValue<string>());
        Assert.Equal("Eviction", review["kind"]!["kind"]!.GetValue<string>());
        Assert.Equal("policy", review["kind"]!["group"]!.GetValue<string>());
        Assert.Equal("pods", review["resource"]!["resource"]!.GetValue<string>());
        // The delete an eviction makes is not admitted again.
        Assert.Empty(cluster.Webhooks.Received("/pod-delete"));
    }
}
