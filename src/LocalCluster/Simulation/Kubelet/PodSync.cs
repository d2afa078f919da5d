using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation.Events;
using Kruise.Actors.LocalCluster.Simulation.Network;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// One sync of one pod, as the kubelet's pod worker: read the pod, plan, and carry the plan out
/// through the API (status write, final delete), the network (address assigned or released)
/// and the node's image cache; then wait for the next change or the plan's next due time.
/// </summary>
internal sealed class PodSync
{
    public static readonly StorageKey Pods = new("", "pods");

    private readonly ResourceService _service;
    private readonly ResourceType _pods;
    private readonly KubeletOptions _options;
    private readonly KubeletTimings _timings;
    private readonly TimeProvider _time;
    private readonly EventRecorder _events;
    private readonly WorkQueue<PodKey> _queue;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<PodKey, PodEntry> _entries = new();

    // The bound pods as the feed last showed them, an informer's cache: syncs read here, not
    // under the store's lock, and a pod missing here is gone.
    private readonly ConcurrentDictionary<PodKey, StoredObject> _bound = new();
    private readonly ConcurrentDictionary<PodKey, string> _waitingForAddress = new();
    private readonly ConcurrentDictionary<PodKey, byte> _woken = new();
    private readonly Dictionary<PodKey, DateTimeOffset> _wakes = [];

    public PodSync(ResourceService service, KubeletOptions options, TimeProvider time, EventRecorder events, WorkQueue<PodKey> queue, CancellationToken stopping)
    {
        _service = service;
        _pods = service.Registry.Storage(Pods) ?? throw new InvalidOperationException("the API server serves no pods");
        _options = options;
        _timings = options.Timings;
        _time = time;
        _events = events;
        _queue = queue;
        _stopping = stopping;
    }

    public PodIpam Ipam { get; } = new();

    public NodeImageCache Images { get; } = new();

    /// <summary>The simulated nodes by name, kept by the feed.</summary>
    public ConcurrentDictionary<string, NodeView> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Rebuild the address pool from the pods that hold addresses (before any is assigned).</summary>
    public IReadOnlyList<string> RestoreAddresses()
    {
        var conflicts = new List<string>();
        foreach (var stored in _service.Store.List(Pods, null).Items)
        {
            var pod = PodView.Parse(stored.Object);
            var ip = JsonRead.Str(stored.Object, "status", "podIP");
            if (pod.Terminal || pod.HostNetwork || !Ipv4Block.TryParseAddress(ip, out var address) || !Ipam.Pool.Contains(address))
                continue;
            if (!Ipam.Restore(pod.Identity, ip))
                conflicts.Add($"{pod.Identity} shows {ip}, held by {Ipam.HolderOf(ip)}");
        }
        return conflicts;
    }

    public async Task Sync(PodKey key, CancellationToken cancellationToken)
    {
        var woken = _woken.TryRemove(key, out _);
        if (!_bound.TryGetValue(key, out var stored))
            return;
        var uid = ObjectMeta.Uid(stored.Object) ?? "";
        var now = _time.GetUtcNow();
        var entry = _entries.GetValueOrDefault(key);
        if (entry is not null && entry.Uid != uid)
            entry = null;
        if (entry is not null && !woken && entry.ResourceVersion == stored.ResourceVersion && !(entry.NextDue <= now))
        {
            // Nothing changed since the last plan (this is usually the echo of the kubelet's own write).
            if (entry.NextDue is { } due)
                Schedule(key, due);
            return;
        }
        var pod = PodView.Parse(stored.Object);
        if (pod.NodeName.Length == 0 || !Nodes.TryGetValue(pod.NodeName, out var node) || !node.Active)
            return;
        var record = entry is not null ? entry.Record : Restore(pod, stored.Object, node.Name);
        IpAssignment? network = null;
        if (KubeletPlanner.NeedsNetwork(pod, record))
            network = pod.HostNetwork ? HostAddress(node) : Ipam.Assign(pod.Identity, node.Name, pod.RequestedIp);
        var plan = KubeletPlanner.Plan(new KubeletInput(pod, node, record, network, Images.Lookup(node.Name), _timings, now));

        foreach (var pull in plan.Pulls)
            Images.Add(node.Name, pull.Image, pull.AvailableAt);
        if (_options.RecordEvents)
        {
            foreach (var e in plan.Events)
                _events.Record(EventSubject.Pod(pod.Namespace, pod.Name, pod.Uid, e.FieldPath), new EventNote(e.Type, e.Reason, e.Message, e.At, Host: node.Name));
        }
        if (network?.Refusal is not null)
            _waitingForAddress[key] = uid;
        else
            _waitingForAddress.TryRemove(new KeyValuePair<PodKey, string>(key, uid));

        var version = stored.ResourceVersion;
        if (plan.WriteStatus && plan.Record is { } planned)
            version = await WriteStatus(stored, pod, node, planned, now, cancellationToken).ConfigureAwait(false);
        if (plan.ReleaseNetwork && !pod.HostNetwork && Ipam.Release(uid))
            WakePodsWaitingForAddresses();
        if (plan.DeletePod)
            await Delete(pod, cancellationToken).ConfigureAwait(false);
        _entries[key] = new PodEntry(uid, plan.Record, version, plan.NextDue);
        // Deleted while this sync ran: the feed's Forget may have come before the address was
        // assigned or the entry kept, so forget again rather than hold them for a pod that is gone.
        if (!_bound.TryGetValue(key, out var current) || ObjectMeta.Uid(current.Object) != uid)
        {
            Forget(key, uid);
            return;
        }
        if (plan.NextDue is { } next)
            Schedule(key, next);
    }

    /// <summary>The feed shows a bound pod (before it queues the pod).</summary>
    public void Observe(PodKey key, StoredObject pod) => _bound[key] = pod;

    /// <summary>The pod is gone: drop its record and free its address for whoever waits for one.</summary>
    public void Forget(PodKey key, string uid)
    {
        if (_bound.TryGetValue(key, out var known) && ObjectMeta.Uid(known.Object) == uid)
            _bound.TryRemove(new KeyValuePair<PodKey, StoredObject>(key, known));
        if (_entries.TryGetValue(key, out var entry) && entry.Uid == uid)
            _entries.TryRemove(new KeyValuePair<PodKey, PodEntry>(key, entry));
        _waitingForAddress.TryRemove(new KeyValuePair<PodKey, string>(key, uid));
        if (Ipam.Release(uid))
            WakePodsWaitingForAddresses();
    }

    /// <summary>Sync the pod again although it has not changed: something it waits for (its node, an address) has.</summary>
    public void Wake(PodKey key)
    {
        _woken[key] = 0;
        _queue.Add(key);
    }

    private void WakePodsWaitingForAddresses()
    {
        foreach (var waiting in _waitingForAddress.Keys)
            Wake(waiting);
    }

    private PodRuntime? Restore(PodView pod, JsonObject podObject, string node)
    {
        var record = RuntimeRestore.FromStatus(pod, podObject, _timings);
        foreach (var run in record?.Runs.Values ?? [])
        {
            // Images of containers that ran here are on the node.
            if (run.StatusImage is { } image && run.StartedAt is { } startedAt)
                Images.Add(node, image, startedAt);
        }
        return record;
    }

    private static IpAssignment HostAddress(NodeView node) =>
        node.InternalIp is { } ip ? new IpAssignment(ip, null) : IpAssignment.Refused($"node {node.Name} has no InternalIP address for a hostNetwork pod");

    /// <summary>Write the status rendered from the record onto the current pod; the version to remember (0: plan again).</summary>
    private async Task<long> WriteStatus(StoredObject stored, PodView pod, NodeView node, PodRuntime record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rendered = PodStatusRenderer.Render(stored.Object, pod, node, record, now);
        if (JsonNode.DeepEquals(rendered, stored.Object["status"]))
            return stored.ResourceVersion;
        var changedMeanwhile = false;
        var renderedUsed = false;
        try
        {
            var written = await _service.Update(_pods, pod.Namespace, pod.Name, current =>
            {
                if (ObjectMeta.Uid(current.Object) != pod.Uid)
                    throw new PodReplacedException();
                var meanwhile = current.ResourceVersion != stored.ResourceVersion;
                changedMeanwhile |= meanwhile;
                // Rendered again only over a pod someone else changed (its conditions count for Ready);
                // the first rendering can be handed over once, a node having one parent.
                var status = meanwhile || renderedUsed ? PodStatusRenderer.Render(current.Object, pod, node, record, now) : rendered;
                renderedUsed = true;
                return new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Pod",
                    ["metadata"] = new JsonObject { ["name"] = pod.Name, ["namespace"] = pod.Namespace },
                    ["status"] = status,
                };
            }, "status", WriteOptions.Component, cancellationToken).ConfigureAwait(false);
            return changedMeanwhile ? 0 : written.ResourceVersion;
        }
        catch (ApiException e) when (e.Reason == "NotFound")
        {
            return 0;
        }
        catch (PodReplacedException)
        {
            return 0;
        }
    }

    /// <summary>The kubelet's last word on a deleted pod: its containers are stopped, so delete it now (grace 0), this pod only.</summary>
    private async Task Delete(PodView pod, CancellationToken cancellationToken)
    {
        try
        {
            await _service.Delete(_pods, pod.Namespace, pod.Name, new DeleteOptions(GracePeriodSeconds: 0, PreconditionUid: pod.Uid), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Reason is "NotFound" or "Conflict")
        {
            // Gone already, or replaced by a new pod of the same name.
        }
    }

    /// <summary>Sync the pod again at <paramref name="due"/>; one pending wake per pod, the earliest.</summary>
    private void Schedule(PodKey key, DateTimeOffset due)
    {
        var delay = due - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            _queue.Add(key);
            return;
        }
        lock (_wakes)
        {
            if (_wakes.TryGetValue(key, out var pending) && pending <= due)
                return;
            _wakes[key] = due;
        }
        _ = Task.Delay(delay, _time, _stopping).ContinueWith(t =>
        {
            lock (_wakes)
            {
                if (_wakes.TryGetValue(key, out var pending) && pending == due)
                    _wakes.Remove(key);
            }
            if (!t.IsCanceled)
                _queue.Add(key);
        }, TaskScheduler.Default);
    }

    private sealed class PodReplacedException : Exception
    {
        public PodReplacedException()
            : base("the pod was deleted and recreated")
        {
        }
    }
}
