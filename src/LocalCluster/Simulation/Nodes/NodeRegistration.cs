using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Controllers;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes;

/// <summary>
/// Registers kruise-node-1..N, as each kubelet registers its Node on first start. A node that
/// exists already (a resumed cluster) is kept as it is: its heartbeat brings its status back.
/// </summary>
internal static class NodeRegistration
{
    private const int InParallel = 16;

    /// <summary>Creates the missing nodes; returns how many it created.</summary>
    public static async Task<int> EnsureNodes(ObjectWrites writes, SimulationOptions options, string minorVersion, CancellationToken cancellationToken)
    {
        var service = writes.Service;
        var nodes = service.Registry.Find("", "v1", "nodes")!;
        var missing = Enumerable.Range(1, options.NodeCount)
            .Where(i => service.Store.Get(nodes.Key, "", SimulatedNode.Name(i)) is null)
            .ToList();
        var created = 0;
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = InParallel, CancellationToken = cancellationToken }, async (index, ct) =>
        {
            var node = SimulatedNode.Build(index, options.ZoneCount, minorVersion, service.Clock.GetUtcNow());
            if (await writes.Create(nodes, "", node, ct).ConfigureAwait(false))
                Interlocked.Increment(ref created);
        }).ConfigureAwait(false);
        return created;
    }

    /// <summary>Whether every simulated node that is not stopped reports Ready (what `up` waits for before handing out its kubeconfig).</summary>
    public static bool RunningNodesReady(IEnumerable<JsonObject> nodes) =>
        nodes.Where(n => SimulatedNode.IsSimulated(n) && !SimulatedNode.IsStopped(n)).All(n => NodeConditions.ReadyStatus(n) == "True");
}
