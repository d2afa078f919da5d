using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Tables;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Controllers;

public class NamespaceControllerTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    private Kubernetes Client => cluster.Client;

    [Fact]
    public async Task Kubectl_delete_namespace_removes_its_content_and_then_the_namespace()
    {
        (await cluster.Kubectl($"apply -f {RepositoryFiles.PathOf("deploy", "crds", "apps.kruise.io_clonesets.yaml")}")).Ok();
        var ns = await cluster.NewNamespace("ns-content");
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("settings"), ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("token", OwnerOf(cm)), ns);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("unscheduled"), ns);
        await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
                },
            },
        }, ns);
        (await cluster.Kubectl("apply -f -", $$$"""
            apiVersion: apps.kruise.io/v1alpha1
            kind: CloneSet
            metadata: {name: set, namespace: {{{ns}}}}
            spec:
              selector: {matchLabels: {app: set}}
              template:
                metadata: {labels: {app: set}}
                spec: {containers: [{name: c, image: nginx}]}
            """)).Ok();

        (await cluster.Kubectl($"delete namespace {ns} --timeout=60s")).Ok();

        Assert.False(await Exists(() => Client.CoreV1.ReadNamespaceAsync(ns)));
        var left = cluster.Server.Service.Registry.All.Where(t => t.Namespaced).DistinctBy(t => t.Key)
            .SelectMany(t => cluster.Server.Store.List(t.Key, ns).Items).Select(o => o.Name).ToList();
        Assert.Empty(left);
    }

    [Fact]
    public async Task A_pod_no_kubelet_finishes_keeps_the_namespace_terminating_until_force_deleted()
    {
        var ns = await cluster.NewNamespace("ns-stuck");
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("scheduled", nodeName: "no-such-node"), ns);

        (await cluster.Kubectl($"delete namespace {ns} --wait=false")).Ok();

        await Eventually(async () =>
        {
            var terminating = await Client.CoreV1.ReadNamespaceAsync(ns);
            return terminating.Status.Conditions?.Any(c => c.Type == "NamespaceContentRemaining" && c.Status == "True"
                && c.Message == "Some resources are remaining: pods. has 1 resource instances") == true;
        }, "the namespace to report the remaining pod");
        var current = await Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal("Terminating", current.Status.Phase);
        Assert.NotNull(current.Metadata.DeletionTimestamp);
        Assert.Equal(["kubernetes"], current.Spec.Finalizers);
        Assert.NotNull((await Client.CoreV1.ReadNamespacedPodAsync("scheduled", ns)).Metadata.DeletionTimestamp);

        var again = await cluster.Kubectl($"delete namespace {ns} --wait=false");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("The system is ensuring all content is removed from this namespace", again.Stderr, StringComparison.Ordinal);
        var refused = await cluster.Kubectl($"create configmap late -n {ns}");
        Assert.Contains("because it is being terminated", refused.Stderr, StringComparison.Ordinal);

        (await cluster.Kubectl($"delete pod scheduled -n {ns} --grace-period=0 --force")).Ok();
        await Eventually(async () => !await Exists(() => Client.CoreV1.ReadNamespaceAsync(ns)), "the emptied namespace to go");
    }

    [Fact]
    public async Task Spec_finalizers_change_only_through_finalize()
    {
        var ns = await cluster.NewNamespace("ns-finalize");
        var current = await Client.CoreV1.ReadNamespaceAsync(ns);
        current.Spec.Finalizers = [];
        var replaced = await Client.CoreV1.ReplaceNamespaceAsync(current, ns);
        Assert.Equal(["kubernetes"], replaced.Spec.Finalizers);

        replaced.Spec.Finalizers = [];
        var finalized = await Client.CoreV1.ReplaceNamespaceFinalizeAsync(replaced, ns);
        Assert.Null(finalized.Spec.Finalizers);
        Assert.Equal("Active", finalized.Status.Phase);

        // Nothing left to wait for: the namespace goes at once.
        await Client.CoreV1.DeleteNamespaceAsync(ns);
        Assert.False(await Exists(() => Client.CoreV1.ReadNamespaceAsync(ns)));
    }

    [Fact]
    public async Task Content_with_a_finalizer_is_reported_and_holds_the_namespace()
    {
        var ns = await cluster.NewNamespace("ns-held");
        var held = ConfigMap("held");
        held.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(held, ns);

        await Client.CoreV1.DeleteNamespaceAsync(ns);

        await Eventually(async () => (await Client.CoreV1.ReadNamespaceAsync(ns)).Status.Conditions?.Any(c =>
            c.Type == "NamespaceFinalizersRemaining" && c.Status == "True"
            && c.Message == "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances") == true,
            "the namespace to report the finalizer");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", ns);
        await Eventually(async () => !await Exists(() => Client.CoreV1.ReadNamespaceAsync(ns)), "the namespace to go");
    }
}
