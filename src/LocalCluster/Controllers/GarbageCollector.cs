using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>
/// kube-controller-manager's garbage collector: deletes objects whose owners (by uid) are all
/// gone, deletes an owner's dependents first when it is deleted in the foreground (waiting only
/// for those with blockOwnerDeletion), and strips the owner's references from its dependents
/// when it is deleted with the orphan finalizer. Works from <see cref="OwnerGraph"/>, so a
/// deletion touches only the owner's own dependents, never a scan of the cluster.
/// </summary>
internal sealed class GarbageCollector : IFeedHandler
{
    private const int Workers = 16;

    private readonly OwnerGraph _graph = new();
    private readonly List<GcWork> _work = [];
    private readonly ConcurrentDictionary<string, byte> _unresolved = new();
    private readonly ObjectWrites _writes;
    private readonly OwnerLookup _owners;
    private readonly WorkQueue<GcWork> _queue;

    public GarbageCollector(ObjectWrites writes, ILogger logger, CancellationToken stopping)
    {
        _writes = writes;
        _owners = new OwnerLookup(Registry, Store);
        _queue = new WorkQueue<GcWork>("garbage-collector", logger, stopping);
    }

    private ResourceRegistry Registry => _writes.Service.Registry;
    private ObjectStore Store => _writes.Service.Store;

    public void Start()
    {
        Registry.Changed += RecheckUnresolved;
        _queue.Start(Workers, Process);
    }

    public async Task Stop()
    {
        Registry.Changed -= RecheckUnresolved;
        await _queue.Stop().ConfigureAwait(false);
    }

    /// <remarks>Runs on the single feed task, so the reusable work list needs no lock.</remarks>
    public void OnChange(WatchEvent change)
    {
        _work.Clear();
        _graph.Apply(change, _work);
        foreach (var item in _work)
            _queue.Add(item);
    }

    // An owner kind that was not served may be now (a CRD was registered): decide again.
    private void RecheckUnresolved()
    {
        foreach (var uid in _unresolved.Keys)
        {
            if (_unresolved.TryRemove(uid, out _))
                _queue.Add(new(GcAction.AttemptToDelete, uid));
        }
    }

    private Task Process(GcWork work, CancellationToken cancellationToken) => work.Action switch
    {
        GcAction.Orphan => OrphanDependents(work.Uid, cancellationToken),
        _ => AttemptToDelete(work.Uid, cancellationToken),
    };

    /// <summary>The current object behind a graph node, if it is still that incarnation.</summary>
    private (ObjectIdentity Id, ResourceType Type, JsonObject Object)? Current(string uid)
    {
        if (_graph.Find(uid)?.Identity is not { } id || Registry.Storage(id.Key) is not { } type)
            return null;
        var stored = Store.Get(id.Key, id.Namespace, id.Name);
        return stored is not null && ObjectMeta.Uid(stored.Object) == uid ? (id, type, stored.Object) : null;
    }

    private async Task AttemptToDelete(string uid, CancellationToken cancellationToken)
    {
        if (Current(uid) is not { } current)
            return;
        var (id, type, obj) = current;
        if (ObjectMeta.IsDeleting(obj))
        {
            // Being deleted is a one-way trip; only a foreground deletion still needs the collector.
            if (ObjectMeta.Finalizers(obj).Contains(DeletionRules.ForegroundFinalizer))
                await FinishForegroundDeletion(id, type, cancellationToken).ConfigureAwait(false);
            return;
        }
        var owners = OwnerLink.Of(obj);
        if (owners.Count == 0)
            return;
        var states = owners.Select(o => (Owner: o, State: _owners.Classify(o, id))).ToList();
        if (states.Any(s => s.State == OwnerState.Unresolvable))
        {
            _unresolved[uid] = 0;
            return;
        }
        var released = states.Where(s => s.State is OwnerState.Dangling or OwnerState.WaitingForDependents).Select(s => s.Owner.Uid).ToHashSet();
        if (states.Any(s => s.State == OwnerState.Solid))
        {
            // Still owned: drop only the references to owners that are gone or deleting in the foreground.
            if (released.Count > 0)
                await _writes.Mutate(type, id.Namespace, id.Name, uid, o => RemoveOwnerReferences(o, released), null, cancellationToken).ConfigureAwait(false);
            return;
        }
        var dependents = _graph.DependentsOf(uid);
        if (states.Any(s => s.State == OwnerState.WaitingForDependents) && dependents.Count > 0)
        {
            // An owner waits for this one in the foreground, and this one has dependents of its
            // own: delete it in the foreground too. A dependent already doing so may own it back;
            // stop blocking so such a cycle cannot wait forever.
            if (dependents.Any(d => d.DeletingDependents))
                await _writes.Mutate(type, id.Namespace, id.Name, uid, UnblockOwnerReferences, null, cancellationToken).ConfigureAwait(false);
            await _writes.Delete(type, id.Namespace, id.Name, uid, "Foreground", cancellationToken).ConfigureAwait(false);
            return;
        }
        var finalizers = ObjectMeta.Finalizers(obj);
        var policy = finalizers.Contains(DeletionRules.OrphanFinalizer) ? "Orphan"
            : finalizers.Contains(DeletionRules.ForegroundFinalizer) ? "Foreground"
            : "Background";
        await _writes.Delete(type, id.Namespace, id.Name, uid, policy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A foreground-deleting owner goes once no dependent blocks it; until then make sure the blocking ones are being deleted.</summary>
    private async Task FinishForegroundDeletion(ObjectIdentity id, ResourceType type, CancellationToken cancellationToken)
    {
        var blocking = _graph.DependentsOf(id.Uid)
            .Where(d => d.Owners.Any(o => o.Uid == id.Uid && o.BlockOwnerDeletion))
            .ToList();
        if (blocking.Count == 0)
        {
            await _writes.Mutate(type, id.Namespace, id.Name, id.Uid, o => RemoveFinalizer(o, DeletionRules.ForegroundFinalizer), null, cancellationToken).ConfigureAwait(false);
            return;
        }
        foreach (var dependent in blocking.Where(d => !d.DeletingDependents))
            _queue.Add(new(GcAction.AttemptToDelete, dependent.Identity.Uid));
    }

    /// <summary>The orphan finalizer: every dependent loses its reference to this owner, then the finalizer goes.</summary>
    private async Task OrphanDependents(string uid, CancellationToken cancellationToken)
    {
        if (Current(uid) is not { } current)
            return;
        var (id, type, obj) = current;
        if (!ObjectMeta.IsDeleting(obj) || !ObjectMeta.Finalizers(obj).Contains(DeletionRules.OrphanFinalizer))
            return;
        var owner = new HashSet<string> { uid };
        await Parallel.ForEachAsync(_graph.DependentsOf(uid), new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken }, async (dependent, ct) =>
        {
            var d = dependent.Identity;
            if (Registry.Storage(d.Key) is { } dependentType)
                await _writes.Mutate(dependentType, d.Namespace, d.Name, d.Uid, o => RemoveOwnerReferences(o, owner), null, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await _writes.Mutate(type, id.Namespace, id.Name, uid, o => RemoveFinalizer(o, DeletionRules.OrphanFinalizer), null, cancellationToken).ConfigureAwait(false);
    }

    private static void RemoveOwnerReferences(JsonObject obj, HashSet<string> ownerUids)
    {
        var metadata = ObjectMeta.Metadata(obj);
        var kept = ObjectMeta.OwnerReferences(obj).Where(r => !ownerUids.Contains(JsonRead.Str(r, "uid"))).Select(r => (JsonNode?)r.DeepClone()).ToArray();
        if (kept.Length == 0)
            metadata.Remove("ownerReferences");
        else
            metadata["ownerReferences"] = new JsonArray(kept);
    }

    private static void UnblockOwnerReferences(JsonObject obj)
    {
        foreach (var reference in ObjectMeta.OwnerReferences(obj).Where(r => JsonRead.Bool(r, "blockOwnerDeletion")))
            reference["blockOwnerDeletion"] = false;
    }

    private static void RemoveFinalizer(JsonObject obj, string finalizer) =>
        ObjectMeta.SetFinalizers(obj, ObjectMeta.Finalizers(obj).Where(f => f != finalizer).ToList());
}
