using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>One scheduling attempt: the pod and what the planner decided.</summary>
internal sealed record SchedulingAttempt(PodFacts Pod, SchedulingDecision Decision);

/// <summary>
/// The scheduler's memory between the change feed and the scheduling loop: the snapshot of
/// nodes and placed pods, the pods waiting for a node, and the pods assumed on a node while
/// their binding is written (counted at once, so the next decision sees them). Time is passed
/// in; not thread-safe (the scheduler serializes calls).
/// </summary>
internal sealed class SchedulerCache(SchedulerOptions options)
{
    private static readonly StorageKey Pods = new("", "pods");
    private static readonly StorageKey Nodes = new("", "nodes");
    private static readonly StorageKey Namespaces = new("", "namespaces");

    /// <summary>The only resources whose changes the cache takes in.</summary>
    public static readonly IReadOnlySet<StorageKey> Followed = new HashSet<StorageKey> { Pods, Nodes, Namespaces };

    private readonly SchedulingSnapshot _snapshot = new();
    private readonly SchedulingQueue _queue = new(options);
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _assumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (JsonObject Object, string Node)> _placedObjects = new(StringComparer.Ordinal);

    public SchedulingSnapshot Snapshot => _snapshot;
    public int PendingCount => _pending.Count;
    public int AssumedCount => _assumed.Count;

    public bool IsPending(string uid) => _pending.ContainsKey(uid);

    public int Attempts(string uid) => _queue.Attempts(uid);

    /// <summary>Takes in one change; true when a pod may now be worth trying.</summary>
    public bool Observe(WatchEvent change, DateTimeOffset now)
    {
        if (change.Key == Pods)
            return ObservePod(change, now);
        if (change.Key == Nodes)
        {
            if (change.Type == WatchEventType.Deleted)
            {
                _snapshot.RemoveNode(change.Object.Name);
                return false;
            }
            if (!_snapshot.SetNode(NodeFacts.From(change.Object.Object)))
                return false;
            _queue.ClusterChanged(now);
            return true;
        }
        if (change.Key == Namespaces)
        {
            if (change.Type == WatchEventType.Deleted)
                _snapshot.RemoveNamespace(change.Object.Name);
            else
                _snapshot.SetNamespace(change.Object.Name, JsonRead.StringMap(change.Object.Object, "metadata", "labels"));
        }
        return false;
    }

    /// <summary>The next pod to try and the planner's decision; an assigned pod is assumed on its node.</summary>
    public SchedulingAttempt? Next(DateTimeOffset now)
    {
        while (_queue.TryNext(now, out var uid))
        {
            if (!_pending.TryGetValue(uid, out var pending))
                continue;
            var decision = SchedulingPlanner.Plan(pending.Pod, _snapshot);
            switch (decision)
            {
                case SchedulingDecision.Assign assign:
                    _pending.Remove(uid);
                    _queue.Remove(uid);
                    _assumed[uid] = assign.Node;
                    _snapshot.Place(pending.Pod, assign.Node);
                    if (pending.Object is not null)
                        _placedObjects[uid] = (pending.Object, assign.Node);
                    break;
                case SchedulingDecision.Unschedulable:
                    _queue.Unschedulable(uid, now);
                    break;
                default:
                    _pending.Remove(uid);
                    _queue.Remove(uid);
                    break;
            }
            return new SchedulingAttempt(pending.Pod, decision);
        }
        return null;
    }

    /// <summary>
    /// The binding was not written. The assumption is dropped (unless the feed has already
    /// settled the pod); with <paramref name="retry"/> the pod waits for a node again after its backoff.
    /// </summary>
    public void BindFailed(PodFacts pod, string node, bool retry, DateTimeOffset now)
    {
        if (!_assumed.TryGetValue(pod.Uid, out var assumed) || assumed != node)
            return;
        _assumed.Remove(pod.Uid);
        _snapshot.Remove(pod.Uid);
        _placedObjects.Remove(pod.Uid);
        if (!retry)
            return;
        _pending[pod.Uid] = new Pending(pod, null, null, null);
        _queue.Retry(pod.Uid, pod.Priority, now);
    }

    public DateTimeOffset? NextDue() => _queue.NextDue();

    private bool ObservePod(WatchEvent change, DateTimeOffset now)
    {
        var uid = JsonRead.Str(change.Object.Object, "metadata", "uid");
        if (change.Type == WatchEventType.Deleted)
        {
            _pending.Remove(uid);
            _queue.Remove(uid);
            _assumed.Remove(uid);
            _placedObjects.Remove(uid);
            if (_snapshot.Remove(uid) is null)
                return false;
            _queue.ClusterChanged(now);
            return true;
        }
        var obj = change.Object.Object;
        var nodeName = JsonRead.Str(obj, "spec", "nodeName");
        if (nodeName.Length > 0)
            return ObservePlaced(uid, nodeName, obj, now);
        if (_assumed.ContainsKey(uid))
            return false; // our binding is on its way; this is an older state of the pod
        var pod = PodFacts.From(obj);
        if (!Schedulable(pod))
        {
            _pending.Remove(uid);
            _queue.Remove(uid);
            return false;
        }
        var spec = obj["spec"];
        var labels = JsonRead.At(obj, "metadata", "labels");
        if (_pending.TryGetValue(uid, out var before))
        {
            _pending[uid] = new Pending(pod, spec, labels, obj);
            // Status writes (ours included) change nothing the decision reads.
            if (before.Spec is not null && JsonNode.DeepEquals(before.Spec, spec) && JsonNode.DeepEquals(before.Labels, labels))
                return false;
            _queue.Updated(uid, pod.Priority, now);
            return true;
        }
        _pending[uid] = new Pending(pod, spec, labels, obj);
        _queue.Add(uid, pod.Priority);
        return true;
    }

    private bool ObservePlaced(string uid, string nodeName, JsonObject obj, DateTimeOffset now)
    {
        _pending.Remove(uid);
        _queue.Remove(uid);
        _assumed.Remove(uid);
        // Kubelet status updates are most of a placed pod's changes and none of them matter here
        // (Pending to Running changes no fact the scheduler keeps, only reaching Succeeded or
        // Failed does); nor does the binding of a pod assumed on that very node.
        if (_placedObjects.TryGetValue(uid, out var before) && before.Node == nodeName && SamePlacement(before.Object, obj))
        {
            _placedObjects[uid] = (obj, nodeName);
            return false;
        }
        var pod = PodFacts.From(obj);
        var was = _snapshot.PlacedPod(uid);
        var wasOn = _snapshot.PlacementOf(uid);
        _snapshot.Place(pod, nodeName);
        if (pod.Terminal)
            _placedObjects.Remove(uid);
        else
            _placedObjects[uid] = (obj, nodeName);
        // Capacity freed, a pod new here, moved or relabelled: parked pods may fit now (affinity, spreading).
        var changed = was is null || pod.Terminal || pod.Deleting != was.Deleting || wasOn != nodeName
            || !SameLabels(was.Labels, pod.Labels);
        if (!changed)
            return false;
        _queue.ClusterChanged(now);
        return true;
    }

    private static bool SamePlacement(JsonObject before, JsonObject after) =>
        JsonRead.Has(before, "metadata", "deletionTimestamp") == JsonRead.Has(after, "metadata", "deletionTimestamp")
        && Finished(before) == Finished(after)
        && JsonNode.DeepEquals(JsonRead.At(before, "metadata", "labels"), JsonRead.At(after, "metadata", "labels"));

    private static bool Finished(JsonObject pod) => JsonRead.Str(pod, "status", "phase") is "Succeeded" or "Failed";

    private static bool SameLabels(IDictionary<string, string> a, IDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>Waiting for this scheduler: default-scheduler (or unnamed), not gated, deleting or finished.</summary>
    private static bool Schedulable(PodFacts pod) =>
        pod.SchedulerName is "" or SimulationConventions.DefaultSchedulerName && !pod.Deleting && !pod.Terminal && !pod.Gated;

    private sealed record Pending(PodFacts Pod, JsonNode? Spec, JsonNode? Labels, JsonObject? Object);
}
