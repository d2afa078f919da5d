using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>Lists through KubernetesClient: limit/continue pages, label selectors and field selectors.</summary>
public class ClientListTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private Kubernetes Client => cluster.Client;

    private async Task<string> Namespace(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    // Every namespace also gets a kube-root-ca.crt ConfigMap from the cluster's publisher; the
    // "suite" label (the namespace's name) scopes each list to what the test created.
    private async Task ConfigMap(string ns, string name, Dictionary<string, string>? labels = null) =>
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string>(labels ?? []) { ["suite"] = ns } },
        }, ns);

    [Fact]
    public async Task Limit_and_continue_walk_the_list_in_pages()
    {
        var ns = await Namespace("pages");
        foreach (var i in Enumerable.Range(1, 7))
            await ConfigMap(ns, $"cm-{i}");

        var names = new List<string>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: $"suite={ns}", limit: 3, continueParameter: next);
            pages++;
            Assert.True(page.Items.Count <= 3);
            names.AddRange(page.Items.Select(c => c.Name()));
            next = page.Metadata.ContinueProperty;
            Assert.NotNull(page.Metadata.ResourceVersion);
        }
        while (!string.IsNullOrEmpty(next));

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"cm-{i}"), names);
    }

    [Fact]
    public async Task Label_selectors_support_equality_sets_and_existence()
    {
        var ns = await Namespace("labels");
        await ConfigMap(ns, "web-prod", new() { ["app"] = "web", ["env"] = "prod" });
        await ConfigMap(ns, "web-dev", new() { ["app"] = "web", ["env"] = "dev" });
        await ConfigMap(ns, "db-prod", new() { ["app"] = "db", ["env"] = "prod", ["tier"] = "data" });
        await ConfigMap(ns, "bare");

        async Task<string[]> Select(string selector) =>
            [.. (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: $"suite={ns},{selector}")).Items.Select(c => c.Name())];

        Assert.Equal(["web-dev", "web-prod"], await Select("app=web"));
        Assert.Equal(["web-prod"], await Select("app==web,env=prod"));
        Assert.Equal(["bare", "db-prod"], await Select("app!=web"));
        Assert.Equal(["db-prod", "web-prod"], await Select("env in (prod, staging)"));
        Assert.Equal(["web-dev"], await Select("app in (db, web),env notin (prod)"));
        Assert.Equal(["db-prod"], await Select("tier"));
        Assert.Equal(["bare", "web-dev", "web-prod"], await Select("!tier"));

        var bad = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "app in (web"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Response.StatusCode);
    }

    [Fact]
    public async Task Field_selectors_match_metadata_and_kind_specific_fields()
    {
        var ns = await Namespace("fields");
        await ConfigMap(ns, "one");
        await ConfigMap(ns, "two");

        var byName = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "metadata.name=two");
        Assert.Equal(["two"], byName.Items.Select(c => c.Name()));
        var notName = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns},metadata.name!=two", labelSelector: $"suite={ns}");
        Assert.Equal(["one"], notName.Items.Select(c => c.Name()));

        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "placed" },
            Spec = new V1PodSpec { NodeName = "node-a", Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        }, ns);
        var onNode = await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=node-a,status.phase=Pending");
        Assert.Equal(["placed"], onNode.Items.Select(p => p.Name()));

        var unsupported = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "data.key=x"));
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.Response.StatusCode);
        Assert.Equal("\"data.key\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
            KubernetesJson.Deserialize<V1Status>(unsupported.Response.Content).Message);
    }
}
