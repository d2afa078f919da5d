namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>A pod the kubelet tracks, by namespace and name (the work queue's item).</summary>
internal readonly record struct PodKey(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>
/// What the kubelet keeps per pod between syncs: the runtime's record, the pod version it last
/// planned from (or wrote; 0 forces a new plan), and when it must look again.
/// </summary>
internal sealed record PodEntry(string Uid, PodRuntime? Record, long ResourceVersion, DateTimeOffset? NextDue);
