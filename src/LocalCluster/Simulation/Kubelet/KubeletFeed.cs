using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// What the kubelets learn from the cluster's change feed: the simulated nodes (and their pod
/// blocks), which pods are bound to which node, and pods going away. A pod is queued when it
/// changes and its node's kubelet runs; all of a node's pods are queued when the node starts
/// (again) or its address or block changes.
/// </summary>
internal sealed class KubeletFeed(PodSync sync, WorkQueue<PodKey> queue, ILogger logger) : IFeedHandler
{
    private static readonly StorageKey Nodes = new("", "nodes");

    // Only touched on the feed's single dispatch task.
    private readonly Dictionary<string, HashSet<PodKey>> _podsByNode = new(StringComparer.Ordinal);

    public void OnChange(WatchEvent change)
    {
        if (change.Key == PodSync.Pods)
            OnPod(change);
        else if (change.Key == Nodes)
            OnNode(change);
    }

    private void OnPod(WatchEvent change)
    {
        var pod = change.Object;
        var key = new PodKey(pod.Namespace, pod.Name);
        var node = JsonRead.Str(pod.Object, "spec", "nodeName");
        if (change.Type == WatchEventType.Deleted)
        {
            if (_podsByNode.TryGetValue(node, out var onNode))
                onNode.Remove(key);
            sync.Forget(key, ObjectMeta.Uid(pod.Object) ?? "");
            return;
        }
        if (node.Length == 0)
            return;
        if (!_podsByNode.TryGetValue(node, out var pods))
            _podsByNode[node] = pods = [];
        pods.Add(key);
        sync.Observe(key, pod);
        if (sync.Nodes.TryGetValue(node, out var view) && view.Active)
            queue.Add(key);
    }

    private void OnNode(WatchEvent change)
    {
        var name = change.Object.Name;
        var view = change.Type == WatchEventType.Deleted ? null : NodeView.Parse(change.Object.Object);
        if (view is not { Simulated: true })
        {
            if (sync.Nodes.TryRemove(name, out _))
                sync.Ipam.SetNodeBlock(name, null);
            return;
        }
        var previous = sync.Nodes.GetValueOrDefault(name);
        if (previous == view)
            return; // a heartbeat or another change that does not concern the kubelet
        if (previous?.PodCidr != view.PodCidr && !sync.Ipam.SetNodeBlock(name, view.PodCidr))
            logger.LogWarning("Node {Node}'s podCIDR {Cidr} is not a block of the cluster pod network {Pool}: its pods get no address", name, view.PodCidr, sync.Ipam.Pool);
        sync.Nodes[name] = view;
        if (view.Active && _podsByNode.TryGetValue(name, out var pods))
        {
            foreach (var pod in pods)
                sync.Wake(pod);
        }
    }
}
