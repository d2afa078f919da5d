using k8s;
using Kruise.Actors.LocalCluster.Simulation;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Simulation;

/// <summary>A cluster started again on the same folder resumes its nodes.</summary>
public sealed class NodeRestartTests : IDisposable
{
    private readonly string _folder = SimulatedCluster.NewFolder();

    public void Dispose() => DeleteFolder(_folder);

    [Fact]
    public async Task Restarting_keeps_the_nodes_and_their_state_and_adds_only_missing_ones()
    {
        Dictionary<string, string> uids;
        await using (var first = await Start(3))
        {
            await first.SetStopped("kruise-node-3", true);
            uids = (await first.Client.CoreV1.ListNodeAsync()).Items.ToDictionary(n => n.Metadata.Name, n => n.Metadata.Uid);
        }

        await using (var second = await Start(3))
        {
            var nodes = (await second.Client.CoreV1.ListNodeAsync()).Items;
            Assert.Equal(uids, nodes.ToDictionary(n => n.Metadata.Name, n => n.Metadata.Uid));
            Assert.Equal("true", nodes.Single(n => n.Metadata.Name == "kruise-node-3").Metadata.Annotations[SimulationConventions.NodeStoppedAnnotation]);
            await Eventually(async () => SimulatedCluster.ReadyStatus(await second.Node("kruise-node-3")) == "Unknown", "the node stopped before the restart to go NotReady");
            Assert.True(second.Server.Simulation!.NodesReady());
        }

        await using var third = await Start(4);
        var table = (await third.Kubectl("get nodes")).Ok().Table();
        Assert.Equal(["kruise-node-1", "kruise-node-2", "kruise-node-3", "kruise-node-4"], table.Rows.Select(r => r["NAME"]));
        Assert.Equal(uids["kruise-node-1"], (await third.Node("kruise-node-1")).Metadata.Uid);
    }

    private Task<SimulatedCluster> Start(int nodes) =>
        SimulatedCluster.Start(SimulatedCluster.FastOptions with { NodeCount = nodes }, _folder, inMemory: false);
}
