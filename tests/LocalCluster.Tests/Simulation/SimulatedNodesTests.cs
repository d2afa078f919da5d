using k8s;
using Kruise.Actors.LocalCluster.Simulation;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Simulation;

/// <summary>The nodes a user sees with kubectl, and the leases that keep them Ready.</summary>
public sealed class SimulatedNodesTests : IAsyncLifetime
{
    private SimulatedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SimulatedCluster.Start();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Kubectl_lists_three_ready_nodes_spread_over_three_zones()
    {
        var table = (await _cluster.Kubectl("get nodes -L topology.kubernetes.io/zone")).Ok().Table();

        Assert.Equal(["kruise-node-1", "kruise-node-2", "kruise-node-3"], table.Rows.Select(r => r["NAME"]));
        Assert.All(table.Rows, r => Assert.Equal("Ready", r["STATUS"]));
        Assert.All(table.Rows, r => Assert.Equal("v1.32.0", r["VERSION"]));
        Assert.Equal(["zone-a", "zone-b", "zone-c"], table.Rows.Select(r => r["ZONE"]));
    }

    [Fact]
    public async Task Each_node_has_its_own_pod_cidr_address_and_labels()
    {
        var lines = (await _cluster.Kubectl("""get nodes -o 'jsonpath={range .items[*]}{.metadata.name},{.spec.podCIDR},{.status.addresses[0].address},{.metadata.labels.kubernetes\.io/hostname},{.status.allocatable.cpu},{.status.allocatable.pods}{"\n"}{end}'""")).Ok().Lines;

        Assert.Equal(
        [
            "kruise-node-1,10.244.0.0/24,172.18.0.2,kruise-node-1,32,110",
            "kruise-node-2,10.244.1.0/24,172.18.0.3,kruise-node-2,32,110",
            "kruise-node-3,10.244.2.0/24,172.18.0.4,kruise-node-3,32,110",
        ], lines);
        var node = await _cluster.Node("kruise-node-2");
        Assert.Equal("true", node.Metadata.Labels[SimulationConventions.SimulatedNodeLabel]);
        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("amd64", node.Metadata.Labels["kubernetes.io/arch"]);
        Assert.Equal("kubelet is posting ready status", node.Status.Conditions.Single(c => c.Type == "Ready").Message);
    }

    [Fact]
    public async Task Each_node_renews_its_lease_in_kube_node_lease()
    {
        var first = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("kruise-node-1", "kube-node-lease");

        Assert.Equal("kruise-node-1", first.Spec.HolderIdentity);
        Assert.Equal(40, first.Spec.LeaseDurationSeconds);
        Assert.Equal(("Node", "kruise-node-1"), (first.Metadata.OwnerReferences.Single().Kind, first.Metadata.OwnerReferences.Single().Name));
        await Eventually(async () =>
        {
            var lease = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("kruise-node-1", "kube-node-lease");
            return lease.Spec.RenewTime > first.Spec.RenewTime;
        }, "the lease to be renewed");
        var leases = (await _cluster.Kubectl("get leases -n kube-node-lease")).Ok().Table();
        Assert.Equal(["kruise-node-1", "kruise-node-2", "kruise-node-3"], leases.Rows.Select(r => r["NAME"]));
    }
}
