using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>Where an object lives and which incarnation of it (uid) is meant.</summary>
internal sealed record ObjectIdentity(StorageKey Key, string Namespace, string Name, string Uid);

/// <summary>One entry of metadata.ownerReferences.</summary>
internal sealed record OwnerLink(string Uid, string ApiVersion, string Kind, string Name, bool BlockOwnerDeletion)
{
    public static IReadOnlyList<OwnerLink> Of(JsonObject obj) =>
        ObjectMeta.OwnerReferences(obj)
            .Select(r => new OwnerLink(JsonRead.Str(r, "uid"), JsonRead.Str(r, "apiVersion"), JsonRead.Str(r, "kind"), JsonRead.Str(r, "name"), JsonRead.Bool(r, "blockOwnerDeletion")))
            .Where(r => r.Uid.Length > 0)
            .ToList();
}

/// <summary>What the garbage collector must look at next.</summary>
internal enum GcAction
{
    /// <summary>Is this object garbage (owners gone or deleting in foreground), or, deleting in foreground, are its blocking dependents gone?</summary>
    AttemptToDelete,

    /// <summary>This owner is deleting with the orphan finalizer: release its dependents.</summary>
    Orphan,
}

internal readonly record struct GcWork(GcAction Action, string Uid);

/// <summary>
/// The garbage collector's dependency graph: every object by uid with its owner references, and
/// the reverse index owner uid -> dependent uids, kept from the change feed. Owners are indexed
/// by uid even before (or without) being seen, so a dependent created first is found later.
/// </summary>
internal sealed class OwnerGraph
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Node> _nodes = [];
    private readonly Dictionary<string, HashSet<string>> _dependents = [];

    public sealed record Node(ObjectIdentity Identity, IReadOnlyList<OwnerLink> Owners, bool DeletingDependents);

    public Node? Find(string uid)
    {
        lock (_gate)
            return _nodes.GetValueOrDefault(uid);
    }

    /// <summary>The known dependents of an owner, with their current owner references.</summary>
    public IReadOnlyList<Node> DependentsOf(string ownerUid)
    {
        lock (_gate)
        {
            return _dependents.TryGetValue(ownerUid, out var uids)
                ? uids.Select(u => _nodes.GetValueOrDefault(u)).OfType<Node>().ToList()
                : [];
        }
    }

    /// <summary>Record a change and say which objects it may have made garbage or unblocked.</summary>
    public void Apply(WatchEvent change, List<GcWork> work)
    {
        var obj = change.Object.Object;
        if (ObjectMeta.Uid(obj) is not { Length: > 0 } uid)
            return;
        lock (_gate)
        {
            if (change.Type == WatchEventType.Deleted)
                Remove(uid, work);
            else
                Upsert(change.Key, change.Object, uid, work);
        }
    }

    private void Upsert(StorageKey key, StoredObject stored, string uid, List<GcWork> work)
    {
        var obj = stored.Object;
        var owners = OwnerLink.Of(obj);
        var deleting = ObjectMeta.IsDeleting(obj);
        var finalizers = deleting ? ObjectMeta.Finalizers(obj) : [];
        var deletingDependents = deleting && finalizers.Contains(DeletionRules.ForegroundFinalizer);
        var previous = _nodes.GetValueOrDefault(uid);
        _nodes[uid] = new Node(new ObjectIdentity(key, stored.Namespace, stored.Name, uid), owners, deletingDependents);

        var oldOwners = previous?.Owners ?? [];
        if (previous is null || !oldOwners.SequenceEqual(owners))
        {
            foreach (var gone in oldOwners.Where(o => !owners.Contains(o)))
            {
                Unlink(gone.Uid, uid);
                // A dependent released or unblocked may be what a foreground deletion waits for.
                if (_nodes.GetValueOrDefault(gone.Uid) is { DeletingDependents: true })
                    work.Add(new(GcAction.AttemptToDelete, gone.Uid));
            }
            foreach (var added in owners)
                Link(added.Uid, uid);
            // New owners may not exist (any more): check whether this object is garbage.
            if (owners.Count > 0)
                work.Add(new(GcAction.AttemptToDelete, uid));
        }

        if (deleting && finalizers.Contains(DeletionRules.OrphanFinalizer))
            work.Add(new(GcAction.Orphan, uid));
        if (deletingDependents && previous?.DeletingDependents != true)
        {
            // Foreground deletion starts: every dependent goes, and the owner waits for the blocking ones.
            foreach (var dependent in _dependents.GetValueOrDefault(uid) ?? [])
                work.Add(new(GcAction.AttemptToDelete, dependent));
            work.Add(new(GcAction.AttemptToDelete, uid));
        }
    }

    private void Remove(string uid, List<GcWork> work)
    {
        if (!_nodes.Remove(uid, out var node))
            return;
        foreach (var owner in node.Owners)
        {
            Unlink(owner.Uid, uid);
            if (_nodes.GetValueOrDefault(owner.Uid) is { DeletingDependents: true })
                work.Add(new(GcAction.AttemptToDelete, owner.Uid));
        }
        // Its dependents may now be garbage. The index entry stays until they go or drop the reference.
        foreach (var dependent in _dependents.GetValueOrDefault(uid) ?? [])
            work.Add(new(GcAction.AttemptToDelete, dependent));
    }

    private void Link(string ownerUid, string dependentUid)
    {
        if (!_dependents.TryGetValue(ownerUid, out var set))
            _dependents[ownerUid] = set = [];
        set.Add(dependentUid);
    }

    private void Unlink(string ownerUid, string dependentUid)
    {
        if (_dependents.TryGetValue(ownerUid, out var set) && set.Remove(dependentUid) && set.Count == 0)
            _dependents.Remove(ownerUid);
    }
}
