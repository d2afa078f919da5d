using k8s;
using k8s.Models;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Controllers;

public class GarbageCollectorTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    private Kubernetes Client => cluster.Client;

    [Fact]
    public async Task Background_deletion_collects_a_chain_of_dependents_of_any_kind()
    {
        var ns = await cluster.NewNamespace("gc-chain");
        var root = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("root"), ns);
        var middle = await Client.CoreV1.CreateNamespacedSecretAsync(Secret("middle", OwnerOf(root)), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("leaf", OwnerOf(middle)), ns);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("leaf-pod", null, OwnerOf(middle, block: true, controller: true)), ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("root", ns, new V1DeleteOptions { PropagationPolicy = "Background" });

        await Eventually(async () =>
            !await Exists(() => Client.CoreV1.ReadNamespacedSecretAsync("middle", ns))
            && !await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("leaf", ns))
            && !await Exists(() => Client.CoreV1.ReadNamespacedPodAsync("leaf-pod", ns)), "the chain to be collected");
    }

    [Fact]
    public async Task Owner_identity_is_the_uid_and_cluster_scoped_owners_count()
    {
        var ns = await cluster.NewNamespace("gc-uid");
        var role = await Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole { Metadata = new V1ObjectMeta { Name = ns + "-owner" } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("owned-by-role", OwnerOf(role)), ns);
        // Same kind and name as a live object, but another uid: that owner is gone.
        var live = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("live"), ns);
        var stale = OwnerOf(live);
        stale.Uid = Guid.NewGuid().ToString();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("stale-owner", stale), ns);

        await Eventually(async () => !await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("stale-owner", ns)), "a dependent of a vanished uid to go");
        Assert.True(await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("owned-by-role", ns)));

        await Client.RbacAuthorizationV1.DeleteClusterRoleAsync(role.Metadata.Name);
        await Eventually(async () => !await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("owned-by-role", ns)), "the dependent of a cluster-scoped owner to go");
    }

    [Fact]
    public async Task A_dependent_with_several_owners_stays_until_none_exists()
    {
        var ns = await cluster.NewNamespace("gc-multi");
        var first = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("first"), ns);
        var second = await Client.CoreV1.CreateNamespacedSecretAsync(Secret("second"), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("shared", OwnerOf(first), OwnerOf(second)), ns);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("first", ns);
        // The collector drops the reference to the owner that is gone and keeps the object.
        await Eventually(async () =>
        {
            var shared = await Client.CoreV1.ReadNamespacedConfigMapAsync("shared", ns);
            return shared.Metadata.OwnerReferences is [var only] && only.Uid == second.Metadata.Uid;
        }, "the dangling reference to be removed");

        await Client.CoreV1.DeleteNamespacedSecretAsync("second", ns);
        await Eventually(async () => !await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("shared", ns)), "the last owner's dependent to go");
    }

    [Fact]
    public async Task Foreground_deletion_waits_for_blocking_dependents_before_the_owner()
    {
        var ns = await cluster.NewNamespace("gc-fg");
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("owner"), ns);
        var blocker = Secret("blocker", OwnerOf(owner, block: true));
        blocker.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedSecretAsync(blocker, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("free", OwnerOf(owner)), ns);

        (await cluster.Kubectl($"delete configmap owner -n {ns} --cascade=foreground --wait=false")).Ok();

        await Eventually(async () => !await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("free", ns)), "the non-blocking dependent to go");
        await Eventually(async () => (await Client.CoreV1.ReadNamespacedSecretAsync("blocker", ns)).Metadata.DeletionTimestamp is not null, "the blocking dependent to be deleted");
        var waiting = await Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        Assert.NotNull(waiting.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", waiting.Metadata.Finalizers);

        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "blocker", ns);
        await Eventually(async () => !await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns)), "the owner to go after its blocking dependent");
    }

    [Fact]
    public async Task Kubectl_foreground_delete_returns_once_owner_and_dependents_are_gone()
    {
        var ns = await cluster.NewNamespace("gc-fgwait");
        var owner = await Client.CoreV1.CreateNamespacedSecretAsync(Secret("owner"), ns);
        var child = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("child", OwnerOf(owner, block: true)), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("grandchild", OwnerOf(child, block: true)), ns);

        (await cluster.Kubectl($"delete secret owner -n {ns} --cascade=foreground --timeout=30s")).Ok();

        Assert.False(await Exists(() => Client.CoreV1.ReadNamespacedSecretAsync("owner", ns)));
        Assert.False(await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("child", ns)));
        Assert.False(await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("grandchild", ns)));
    }

    [Fact]
    public async Task Orphan_deletion_leaves_dependents_without_the_owner_reference()
    {
        var ns = await cluster.NewNamespace("gc-orphan");
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("owner"), ns);
        var other = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("other-owner"), ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("kept", OwnerOf(owner, block: true, controller: true)), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("kept-too", OwnerOf(owner), OwnerOf(other)), ns);

        (await cluster.Kubectl($"delete configmap owner -n {ns} --cascade=orphan --timeout=30s")).Ok();

        Assert.False(await Exists(() => Client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns)));
        var kept = await Client.CoreV1.ReadNamespacedSecretAsync("kept", ns);
        Assert.Null(kept.Metadata.OwnerReferences);
        var keptToo = await Client.CoreV1.ReadNamespacedConfigMapAsync("kept-too", ns);
        Assert.Equal([other.Metadata.Uid], keptToo.Metadata.OwnerReferences.Select(r => r.Uid));
        // Released for good: nothing collects them later.
        await Task.Delay(300);
        Assert.True(await Exists(() => Client.CoreV1.ReadNamespacedSecretAsync("kept", ns)));
    }
}
