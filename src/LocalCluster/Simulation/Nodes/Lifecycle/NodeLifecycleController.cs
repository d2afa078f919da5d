using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation.Events;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

/// <summary>
/// kube-controller-manager's node lifecycle and taint-eviction controllers: a node whose lease
/// has not changed for the grace period gets Unknown conditions and the unreachable taints; its
/// pods are marked not ready, evicted once their NoExecute tolerations run out, and, still
/// terminating after their grace period, removed (<see cref="PodEvictionPlanner"/>). Decisions are
/// the planners'; this class keeps the indexes, the timers, and makes the writes through the API.
/// </summary>
internal sealed class NodeLifecycleController : ISimulationPart
{
    private const int Workers = 4;
    private const int PodsInParallel = 16;
    private const string Component = "node-controller";
    private static readonly StorageKey Nodes = new("", "nodes");
    private static readonly StorageKey Pods = new("", "pods");
    private static readonly StorageKey Leases = new("coordination.k8s.io", "leases");

    private readonly ConcurrentDictionary<string, byte> _nodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LeaseProbe> _probes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _troubled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _exposedSince = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _rechecks = new(StringComparer.Ordinal);
    private readonly PodsByNode _pods = new();
    private readonly ObjectWrites _writes;
    private readonly EventRecorder _events;
    private readonly WorkQueue<string> _queue;
    private readonly SimulationOptions _options;
    private readonly CancellationToken _stopping;
    private readonly ResourceType _nodeType;
    private readonly ResourceType _podType;
    private Task _ticker = Task.CompletedTask;

    public NodeLifecycleController(ObjectWrites writes, SimulationOptions options, ILogger logger, CancellationToken stopping)
    {
        _writes = writes;
        _events = new EventRecorder(writes.Service, Component, 1, logger, stopping);
        _options = options;
        _stopping = stopping;
        _queue = new WorkQueue<string>("node-lifecycle", logger, stopping);
        _nodeType = writes.Service.Registry.Find("", "v1", "nodes")!;
        _podType = writes.Service.Registry.Find("", "v1", "pods")!;
    }

    private ResourceService Service => _writes.Service;
    private TimeProvider Clock => Service.Clock;

    public void Start()
    {
        _events.Start();
        _queue.Start(Workers, Sync);
        _ticker = Task.Run(Monitor);
    }

    public async Task Stop()
    {
        await _queue.Stop().ConfigureAwait(false);
        await _ticker.ConfigureAwait(false);
        await _events.Stop().ConfigureAwait(false);
    }

    /// <remarks>Runs on the feed's task: keeps the indexes, queues the nodes that need a look.</remarks>
    public void OnChange(WatchEvent change)
    {
        var stored = change.Object;
        if (change.Key == Leases && stored.Namespace == NodeLease.Namespace)
        {
            if (change.Type != WatchEventType.Deleted)
            {
                var renewTime = NodeLease.RenewTime(stored.Object);
                var now = Clock.GetUtcNow();
                _probes.AddOrUpdate(stored.Name, _ => new LeaseProbe(renewTime, now), (_, before) => LeaseProbe.Observe(before, renewTime, now));
            }
        }
        else if (change.Key == Nodes)
        {
            if (change.Type == WatchEventType.Deleted)
            {
                _nodes.TryRemove(stored.Name, out _);
                _probes.TryRemove(stored.Name, out _);
                _troubled.TryRemove(stored.Name, out _);
                return;
            }
            _nodes[stored.Name] = 0;
            _probes.TryAdd(stored.Name, new LeaseProbe("", Clock.GetUtcNow()));
            _queue.Add(stored.Name);
        }
        else if (change.Key == Pods)
        {
            if (change.Type == WatchEventType.Deleted)
            {
                _pods.Remove(stored.Namespace, stored.Name);
                _exposedSince.TryRemove(ObjectMeta.Uid(stored.Object) ?? "", out _);
                return;
            }
            var nodeName = JsonRead.Str(stored.Object, "spec", "nodeName");
            _pods.Set(stored.Namespace, stored.Name, nodeName);
            // Pods of healthy nodes need nothing; one bound to (or changing on) a troubled node may.
            if (nodeName.Length > 0 && _troubled.ContainsKey(nodeName))
                _queue.Add(nodeName);
        }
    }

    // The periodic pass (--node-monitor-period): catches what no event announces, a lease that stopped changing.
    private async Task Monitor()
    {
        using var timer = new PeriodicTimer(_options.NodeMonitorPeriod, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping).ConfigureAwait(false))
            {
                foreach (var name in _nodes.Keys)
                    _queue.Add(name);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task Sync(string name, CancellationToken cancellationToken)
    {
        var node = Service.Store.Get(Nodes, "", name)?.Object;
        if (node is null)
            return;
        var now = Clock.GetUtcNow();
        var probe = _probes.GetOrAdd(name, _ => new LeaseProbe("", now));
        var plan = NodeHealthPlanner.Plan(node, probe, now, _options.NodeMonitorGracePeriod);
        var uid = ObjectMeta.Uid(node)!;
        if (plan.MarkUnknown && await MarkUnknown(name, uid, now, cancellationToken).ConfigureAwait(false))
            _events.Record(EventSubject.Of(node), new EventNote(EventNote.Normal, "NodeNotReady", $"Node {name} status is now: NodeNotReady", now));
        if (plan.Taints is not null)
            await _writes.Mutate(_nodeType, "", name, uid, n => SetTaints(n, now), null, cancellationToken).ConfigureAwait(false);

        var taints = plan.Taints ?? Taint.Of(node);
        var troubled = plan.ReadyStatus is not (null or "True") || taints.Any(t => t.Effect == Taint.NoExecute);
        DateTimeOffset? recheck = plan.RecheckAt;
        if (troubled)
        {
            _troubled[name] = 0;
            var podRecheck = await SyncPods(name, plan.ReadyStatus, taints, now, cancellationToken).ConfigureAwait(false);
            if (podRecheck is { } at && (recheck is null || at < recheck))
                recheck = at;
        }
        else if (_troubled.TryRemove(name, out _))
        {
            foreach (var (ns, podName) in _pods.On(name))
            {
                if (Service.Store.Get(Pods, ns, podName) is { } pod)
                    _exposedSince.TryRemove(ObjectMeta.Uid(pod.Object) ?? "", out _);
            }
        }
        if (recheck is { } next)
            ScheduleRecheck(name, next, now);
    }

    /// <summary>Writes the Unknown conditions unless the lease moved meanwhile; true when it wrote.</summary>
    private async Task<bool> MarkUnknown(string name, string uid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = false;
        await _writes.Mutate(_nodeType, "", name, uid, n =>
        {
            marked = false;
            var probe = _probes.GetOrAdd(name, _ => new LeaseProbe("", now));
            var conditions = JsonRead.At(n, "status", "conditions");
            if (!NodeHealthPlanner.Plan(n, probe, now, _options.NodeMonitorGracePeriod).MarkUnknown)
                return;
            var created = ObjectMeta.ParseTimestamp(JsonRead.At(n, "metadata", "creationTimestamp")) ?? now;
            var status = n["status"] as JsonObject ?? [];
            status["conditions"] = NodeConditions.Unknown(conditions, now, created);
            n["status"] = status;
            marked = true;
        }, "status", cancellationToken).ConfigureAwait(false);
        return marked;
    }

    private static void SetTaints(JsonObject node, DateTimeOffset now)
    {
        var current = Taint.Of(node);
        var desired = NodeTaints.Desired(current, NodeConditions.ReadyStatus(node), JsonRead.Bool(node, "spec", "unschedulable"), now);
        if (ReferenceEquals(desired, current))
            return;
        var spec = node["spec"] as JsonObject ?? [];
        if (desired.Count == 0)
            spec.Remove("taints");
        else
            spec["taints"] = new JsonArray([.. desired.Select(t => (JsonNode)t.ToJson())]);
        node["spec"] = spec;
    }

    /// <summary>Plans and acts for every pod bound to the node; returns the earliest time one needs another look.</summary>
    private async Task<DateTimeOffset?> SyncPods(string nodeName, string? nodeReady, IReadOnlyList<Taint> taints, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rechecks = new ConcurrentBag<DateTimeOffset>();
        await Parallel.ForEachAsync(_pods.On(nodeName), new ParallelOptions { MaxDegreeOfParallelism = PodsInParallel, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            var pod = Service.Store.Get(Pods, key.Namespace, key.Name)?.Object;
            if (pod is null || JsonRead.Str(pod, "spec", "nodeName") != nodeName)
                return;
            var uid = ObjectMeta.Uid(pod)!;
            var facts = new PodOnNode(
                ObjectMeta.ParseTimestamp(JsonRead.At(pod, "metadata", "deletionTimestamp")),
                PodReadyStatus(pod),
                Toleration.Of(pod),
                _exposedSince.TryGetValue(uid, out var since) ? since : null);
            var plan = PodEvictionPlanner.Plan(facts, nodeReady, taints, now);
            if (plan.ExposedSince is { } exposed)
                _exposedSince[uid] = exposed;
            else
                _exposedSince.TryRemove(uid, out _);
            if (plan.RecheckAt is { } at)
                rechecks.Add(at);
            if (plan.MarkNotReady)
                await MarkPodNotReady(pod, uid, now, ct).ConfigureAwait(false);
            if (plan.Removal == PodRemoval.Evict)
                await Evict(pod, uid, now, ct).ConfigureAwait(false);
            else if (plan.Removal == PodRemoval.ForceDelete)
                await DeletePod(pod, uid, new DeleteOptions(GracePeriodSeconds: 0, PreconditionUid: uid), ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return rechecks.IsEmpty ? null : rechecks.Min();
    }

    private static string? PodReadyStatus(JsonObject pod) =>
        JsonRead.Objects(pod, "status", "conditions").LastOrDefault(c => JsonRead.Str(c, "type") == "Ready") is { } ready ? JsonRead.Str(ready, "status") : null;

    private async Task MarkPodNotReady(JsonObject pod, string uid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = false;
        await _writes.Mutate(_podType, ObjectMeta.Namespace(pod)!, ObjectMeta.Name(pod)!, uid, p =>
        {
            marked = false;
            var ready = JsonRead.Objects(p, "status", "conditions").LastOrDefault(c => JsonRead.Str(c, "type") == "Ready");
            if (ready is null || JsonRead.Str(ready, "status") != "True")
                return;
            ready["status"] = "False";
            ready["lastTransitionTime"] = ObjectMeta.Timestamp(now);
            marked = true;
        }, "status", cancellationToken).ConfigureAwait(false);
        if (marked)
            _events.Record(EventSubject.Of(pod), new EventNote(EventNote.Warning, "NodeNotReady", "Node is not ready", now));
    }

    // The taint-eviction controller: mark the pod a disruption target, then delete it with its own grace period.
    private async Task Evict(JsonObject pod, string uid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ns = ObjectMeta.Namespace(pod)!;
        var name = ObjectMeta.Name(pod)!;
        _events.Record(EventSubject.Of(pod), new EventNote(EventNote.Normal, "TaintManagerEviction", $"Marking for deletion Pod {ns}/{name}", now));
        await _writes.Mutate(_podType, ns, name, uid, p => PodDisruption.MarkTarget(p, now), "status", cancellationToken).ConfigureAwait(false);
        await DeletePod(pod, uid, new DeleteOptions(PreconditionUid: uid), cancellationToken).ConfigureAwait(false);
    }

    private async Task DeletePod(JsonObject pod, string uid, DeleteOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await Service.Delete(_podType, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod)!, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Reason is "NotFound" or "Conflict")
        {
            // Gone already, or replaced by a pod of the same name (the uid precondition).
        }
        _exposedSince.TryRemove(uid, out _);
    }

    /// <summary>Queue the node again at <paramref name="at"/>, unless a look at or before then is pending already.</summary>
    private void ScheduleRecheck(string name, DateTimeOffset at, DateTimeOffset now)
    {
        if (_rechecks.TryGetValue(name, out var pending) && pending > now && pending <= at)
            return;
        _rechecks[name] = at;
        _ = Task.Delay(at - now, Clock, _stopping).ContinueWith(t =>
        {
            if (t.IsCanceled)
                return;
            _rechecks.TryRemove(new KeyValuePair<string, DateTimeOffset>(name, at));
            _queue.Add(name);
        }, TaskScheduler.Default);
    }
}
