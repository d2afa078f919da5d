using k8s;
using k8s.Models;

namespace Kruise.Actors.Kube;

public enum WatchChangeType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One change the watcher passes on; <see cref="Previous"/> is the state it replaces (routing may have changed).</summary>
public sealed record WatchChange(WatchChangeType Type, IKubernetesObject<V1ObjectMeta> Object, IKubernetesObject<V1ObjectMeta>? Previous);

/// <summary>
/// The last known state of every object of one resource, as the watch delivered it. A (re)list
/// is diffed against it, so objects deleted while the watch was broken come out as deletes.
/// </summary>
public sealed class WatchCache
{
    private readonly Dictionary<(string Namespace, string Name), IKubernetesObject<V1ObjectMeta>> _objects = [];

    public int Count => _objects.Count;

    public IEnumerable<IKubernetesObject<V1ObjectMeta>> Objects => _objects.Values;

    public bool TryGet(string? ns, string name, out IKubernetesObject<V1ObjectMeta> obj) =>
        _objects.TryGetValue((ns ?? "", name), out obj!);

    public static (string Namespace, string Name) KeyOf(IKubernetesObject<V1ObjectMeta> obj) =>
        (obj.Metadata?.NamespaceProperty ?? "", obj.Metadata?.Name ?? "");

    /// <summary>Replaces the contents with a full list; returns adds, changes (by resourceVersion or uid) and deletes.</summary>
    public IReadOnlyList<WatchChange> ApplyList(IEnumerable<IKubernetesObject<V1ObjectMeta>> items)
    {
        var changes = new List<WatchChange>();
        var seen = new HashSet<(string, string)>();
        foreach (var item in items)
        {
            var key = KeyOf(item);
            if (!seen.Add(key))
                continue;
            if (!_objects.TryGetValue(key, out var known))
                changes.Add(new WatchChange(WatchChangeType.Added, item, null));
            else if (known.Metadata?.Uid != item.Metadata?.Uid)
            {
                // Deleted and recreated while we were not watching: two facts, in order.
                changes.Add(new WatchChange(WatchChangeType.Deleted, known, null));
                changes.Add(new WatchChange(WatchChangeType.Added, item, null));
            }
            else if (known.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
                changes.Add(new WatchChange(WatchChangeType.Modified, item, known));
            _objects[key] = item;
        }
        foreach (var key in _objects.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            changes.Add(new WatchChange(WatchChangeType.Deleted, _objects[key], null));
            _objects.Remove(key);
        }
        return changes;
    }

    /// <summary>Applies one watch event; null when it tells nothing new (a replay of the version already known).</summary>
    public WatchChange? Apply(WatchChangeType type, IKubernetesObject<V1ObjectMeta> obj)
    {
        var key = KeyOf(obj);
        _objects.TryGetValue(key, out var known);
        if (type == WatchChangeType.Deleted)
        {
            _objects.Remove(key);
            return new WatchChange(WatchChangeType.Deleted, obj, known);
        }
        if (known is not null && known.Metadata?.Uid == obj.Metadata?.Uid && known.Metadata?.ResourceVersion == obj.Metadata?.ResourceVersion)
            return null;
        _objects[key] = obj;
        return known is null
            ? new WatchChange(WatchChangeType.Added, obj, null)
            : new WatchChange(WatchChangeType.Modified, obj, known);
    }
}
