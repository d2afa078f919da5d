using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation.Events;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes;

/// <summary>
/// The node-status half of each simulated node's kubelet: renews the node's Lease every interval
/// and posts healthy conditions whenever they are not (after the node lifecycle controller marked
/// them Unknown, or when a resumed cluster's node comes back). A node carrying the stop annotation
/// does neither, so it goes silent and the lifecycle controller takes it NotReady. Pod work belongs
/// to the kubelet (Simulation/Kubelet), which must leave a stopped node's pods alone as well.
/// </summary>
internal sealed class NodeHeartbeats : ISimulationPart
{
    private const int Workers = 4;
    private static readonly StorageKey Nodes = new("", "nodes");

    // Simulated node name -> whether it carries the stop annotation.
    private readonly ConcurrentDictionary<string, bool> _nodes = new(StringComparer.Ordinal);
    private readonly ObjectWrites _writes;
    private readonly EventRecorder _events;
    private readonly WorkQueue<string> _queue;
    private readonly TimeSpan _interval;
    private readonly CancellationToken _stopping;
    private readonly ResourceType _nodeType;
    private readonly ResourceType _leaseType;
    private Task _ticker = Task.CompletedTask;

    public NodeHeartbeats(ObjectWrites writes, TimeSpan interval, ILogger logger, CancellationToken stopping)
    {
        _writes = writes;
        _events = new EventRecorder(writes.Service, "kubelet", 1, logger, stopping);
        _interval = interval;
        _stopping = stopping;
        _queue = new WorkQueue<string>("node-heartbeat", logger, stopping);
        _nodeType = writes.Service.Registry.Find("", "v1", "nodes")!;
        _leaseType = writes.Service.Registry.Find("coordination.k8s.io", "v1", "leases")!;
    }

    private ResourceService Service => _writes.Service;

    public void Start()
    {
        _events.Start();
        _queue.Start(Workers, Beat);
        _ticker = Task.Run(Tick);
    }

    public async Task Stop()
    {
        await _queue.Stop().ConfigureAwait(false);
        await _ticker.ConfigureAwait(false);
        await _events.Stop().ConfigureAwait(false);
    }

    /// <remarks>Runs on the feed's task; only node changes matter.</remarks>
    public void OnChange(WatchEvent change)
    {
        if (change.Key != Nodes)
            return;
        var name = change.Object.Name;
        var node = change.Object.Object;
        if (change.Type == WatchEventType.Deleted || !SimulatedNode.IsSimulated(node))
        {
            _nodes.TryRemove(name, out _);
            return;
        }
        var stopped = SimulatedNode.IsStopped(node);
        var wasRunning = _nodes.TryGetValue(name, out var wasStopped) && !wasStopped;
        _nodes[name] = stopped;
        // A node that just appeared or was started beats now; a running one whose conditions someone
        // else changed posts its own again.
        if (!stopped && (!wasRunning || !NodeConditions.AreHealthy(JsonRead.At(node, "status", "conditions"))))
            _queue.Add(name);
    }

    private async Task Tick()
    {
        using var timer = new PeriodicTimer(_interval, Service.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping).ConfigureAwait(false))
            {
                foreach (var (name, stopped) in _nodes)
                {
                    if (!stopped)
                        _queue.Add(name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task Beat(string name, CancellationToken cancellationToken)
    {
        var node = Service.Store.Get(Nodes, "", name)?.Object;
        if (node is null || !SimulatedNode.IsSimulated(node) || SimulatedNode.IsStopped(node))
            return;
        var uid = ObjectMeta.Uid(node)!;
        await RenewLease(name, uid, cancellationToken).ConfigureAwait(false);
        if (NodeConditions.AreHealthy(JsonRead.At(node, "status", "conditions")))
            return;
        var posted = false;
        await _writes.Mutate(_nodeType, "", name, uid, current =>
        {
            if (SimulatedNode.IsStopped(current))
                return;
            var status = current["status"] as JsonObject ?? [];
            posted = !NodeConditions.AreHealthy(status["conditions"]);
            status["conditions"] = NodeConditions.Healthy(Service.Clock.GetUtcNow(), status["conditions"]);
            current["status"] = status;
        }, "status", cancellationToken).ConfigureAwait(false);
        if (posted)
            _events.Record(EventSubject.Of(node), new EventNote(EventNote.Normal, "NodeReady", $"Node {name} status is now: NodeReady", Service.Clock.GetUtcNow()));
    }

    private async Task RenewLease(string name, string nodeUid, CancellationToken cancellationToken)
    {
        var now = Service.Clock.GetUtcNow();
        var lease = Service.Store.Get(_leaseType.Key, NodeLease.Namespace, name)?.Object;
        if (lease is null)
        {
            await _writes.Create(_leaseType, NodeLease.Namespace, NodeLease.Build(name, nodeUid, now), cancellationToken).ConfigureAwait(false);
            return;
        }
        await _writes.Mutate(_leaseType, NodeLease.Namespace, name, ObjectMeta.Uid(lease)!, l => NodeLease.Renew(l, name, Service.Clock.GetUtcNow()), null, cancellationToken).ConfigureAwait(false);
    }
}
