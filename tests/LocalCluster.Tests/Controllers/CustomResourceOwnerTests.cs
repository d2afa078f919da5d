using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Tables;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Controllers;

/// <summary>Owners and dependents that are custom resources, served from a CRD applied while the collector runs.</summary>
public class CustomResourceOwnerTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>, IAsyncLifetime
{
    private Kubernetes Client => cluster.Client;

    public async Task InitializeAsync() =>
        (await cluster.Kubectl($"apply -f {RepositoryFiles.PathOf("deploy", "crds", "apps.kruise.io_clonesets.yaml")}")).Ok();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string CloneSet(string name, string ns, string ownersYaml = "") => $"""
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata:
          name: {name}
          namespace: {ns}
        {ownersYaml}
        spec:
          replicas: 3
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: main
                image: nginx
        """;

    private async Task<V1OwnerReference> CloneSetOwner(string name, string ns)
    {
        var uid = (await cluster.Kubectl($"get cloneset {name} -n {ns} -o jsonpath={{.metadata.uid}}")).Ok().Stdout.Trim();
        return new V1OwnerReference { ApiVersion = "apps.kruise.io/v1alpha1", Kind = "CloneSet", Name = name, Uid = uid, Controller = true, BlockOwnerDeletion = true };
    }

    [Fact]
    public async Task Deleting_a_CloneSet_collects_its_pods_revisions_and_claims()
    {
        var ns = await cluster.NewNamespace("gc-cr");
        (await cluster.Kubectl("apply -f -", CloneSet("web", ns))).Ok();
        var owner = await CloneSetOwner("web", ns);
        for (var i = 0; i < 3; i++)
            await Client.CoreV1.CreateNamespacedPodAsync(Pod($"web-{i}", null, owner), ns);
        await Client.AppsV1.CreateNamespacedControllerRevisionAsync(new V1ControllerRevision { Metadata = new V1ObjectMeta { Name = "web-rev", OwnerReferences = [owner] }, Revision = 1 }, ns);
        await Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "data-web-0", OwnerReferences = [owner] },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
        }, ns);

        (await cluster.Kubectl($"delete cloneset web -n {ns}")).Ok();

        await Eventually(async () =>
            (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 0
            && !await Exists(() => Client.AppsV1.ReadNamespacedControllerRevisionAsync("web-rev", ns))
            && !await Exists(() => Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data-web-0", ns)), "the CloneSet's dependents to go");
    }

    [Fact]
    public async Task A_custom_resource_dependent_is_collected_and_orphaned_like_any_other()
    {
        var ns = await cluster.NewNamespace("gc-crdep");
        var holder = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("holder"), ns);
        var ownedBy = $"""
              ownerReferences:
              - apiVersion: v1
                kind: ConfigMap
                name: holder
                uid: {holder.Metadata.Uid}
            """;
        (await cluster.Kubectl("apply -f -", CloneSet("collected", ns, ownedBy))).Ok();
        (await cluster.Kubectl("apply -f -", CloneSet("orphaned", ns))).Ok();
        var orphanOwner = await CloneSetOwner("orphaned", ns);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("orphan-pod", null, orphanOwner), ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("holder", ns);
        await Eventually(async () => !(await cluster.Kubectl($"get cloneset collected -n {ns} --ignore-not-found -o name")).Ok().Stdout.Contains("collected", StringComparison.Ordinal),
            "the CloneSet owned by the ConfigMap to go");

        (await cluster.Kubectl($"delete cloneset orphaned -n {ns} --cascade=orphan --timeout=30s")).Ok();
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("orphan-pod", ns);
        Assert.Null(pod.Metadata.OwnerReferences);
    }
}
