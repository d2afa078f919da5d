using k8s;
using k8s.Models;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// What an entity has observed of the objects routed to it (its own object, and for a workload
/// its pods, revisions and claims), by kind. Memory only: the watchers re-deliver it after every
/// (re)start, ending each kind with <see cref="ObservationsSynced"/>. The entity updates it before
/// each decision; a model reads it during <see cref="IEntityModel{TState}.Decide"/> and keeps no
/// reference to it afterwards.
/// </summary>
/// <remarks>
/// One lives in every entity (10,000 Pod entities hold 10,000), and most observe one kind holding
/// one object: so each observed kind has a slot by position instead of a keyed dictionary, the
/// synced kinds are bits, and a slot holds a lone object as a one-element array (its key is in its
/// metadata) until a second one arrives, when it becomes a dictionary (a one-entry dictionary and
/// its arrays take ~250 bytes against 32). Kinds not declared (never routed by the runtime, but
/// accepted) fall back to dictionaries made on demand.
/// </remarks>
public sealed class ObservedWorld
{
    private const int SyncBits = 64;

    private readonly string[] _kinds;
    // Per declared kind: null, a one-element IKubernetesObject<V1ObjectMeta>[], or a Dictionary keyed by (namespace, name).
    private readonly object?[] _slots;
    private Dictionary<string, Dictionary<(string Namespace, string Name), IKubernetesObject<V1ObjectMeta>>>? _otherBuckets;
    private ulong _syncedBits;
    private HashSet<string>? _otherSynced;

    /// <summary>A world observing <paramref name="kinds"/>; an array of distinct kinds is kept as given, not copied.</summary>
    public ObservedWorld(IEnumerable<string> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _kinds = kinds is string[] given && Distinct(given) ? given : [.. kinds.Distinct(StringComparer.Ordinal)];
        _slots = _kinds.Length == 0 ? [] : new object?[_kinds.Length];
    }

    /// <summary>The kinds this entity observes.</summary>
    public IReadOnlyList<string> Kinds => _kinds;

    /// <summary>Every observed kind has been re-delivered in full since the entity started.</summary>
    public bool AllSynced
    {
        get
        {
            foreach (var kind in _kinds)
            {
                if (!IsSynced(kind))
                    return false;
            }
            return true;
        }
    }

    public bool IsSynced(string kind)
    {
        var index = IndexOf(kind);
        return index is >= 0 and < SyncBits ? (_syncedBits & (1UL << index)) != 0 : _otherSynced?.Contains(kind) == true;
    }

    /// <summary>Whether <paramref name="kind"/> is one this entity observes.</summary>
    public bool Observes(string kind) => IndexOf(kind) >= 0;

    /// <summary>The objects of <paramref name="kind"/> (e.g. "Pod"), in no particular order.</summary>
    public IReadOnlyCollection<IKubernetesObject<V1ObjectMeta>> Of(string kind) => Slot(kind) switch
    {
        IKubernetesObject<V1ObjectMeta>[] lone => lone,
        Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> objects => objects.Values,
        _ => [],
    };

    /// <summary>The objects of <paramref name="kind"/> that are <typeparamref name="T"/>.</summary>
    public IEnumerable<T> All<T>(string kind) where T : IKubernetesObject<V1ObjectMeta> => Of(kind).OfType<T>();

    public T? Get<T>(string kind, string? ns, string name) where T : class, IKubernetesObject<V1ObjectMeta> => Slot(kind) switch
    {
        IKubernetesObject<V1ObjectMeta>[] lone => Key(lone[0]) == (ns ?? "", name) ? lone[0] as T : null,
        Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> objects => objects.TryGetValue((ns ?? "", name), out var obj) ? obj as T : null,
        _ => null,
    };

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var slot in _slots)
                count += slot switch { IKubernetesObject<V1ObjectMeta>[] => 1, Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> objects => objects.Count, _ => 0 };
            if (_otherBuckets is { } others)
            {
                foreach (var bucket in others.Values)
                    count += bucket.Count;
            }
            return count;
        }
    }

    /// <summary>Folds an input into the view; returns whether it was an observation.</summary>
    public bool Apply(object input)
    {
        switch (input)
        {
            case ObjectObserved observed:
                Put(observed.Kind, observed.Object);
                return true;
            case ObjectDeleted deleted:
                Remove(deleted.Kind, deleted.Object);
                return true;
            case ObservationsSynced synced:
                MarkSynced(synced.Kind);
                return true;
            default:
                return false;
        }
    }

    private void MarkSynced(string kind)
    {
        var index = IndexOf(kind);
        if (index is >= 0 and < SyncBits)
            _syncedBits |= 1UL << index;
        else
            (_otherSynced ??= new HashSet<string>(StringComparer.Ordinal)).Add(kind);
    }

    private int IndexOf(string kind)
    {
        for (var i = 0; i < _kinds.Length; i++)
        {
            if (string.Equals(_kinds[i], kind, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private object? Slot(string kind)
    {
        var index = IndexOf(kind);
        if (index >= 0)
            return _slots[index];
        return _otherBuckets is { } others && others.TryGetValue(kind, out var bucket) ? bucket : null;
    }

    private void Put(string kind, IKubernetesObject<V1ObjectMeta> obj)
    {
        var index = IndexOf(kind);
        if (index < 0)
        {
            OtherBucket(kind)[Key(obj)] = obj;
            return;
        }
        switch (_slots[index])
        {
            case null:
                _slots[index] = new[] { obj };
                break;
            case IKubernetesObject<V1ObjectMeta>[] lone when Key(lone[0]) == Key(obj):
                lone[0] = obj;
                break;
            case IKubernetesObject<V1ObjectMeta>[] lone:
                _slots[index] = new Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> { [Key(lone[0])] = lone[0], [Key(obj)] = obj };
                break;
            case Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> objects:
                objects[Key(obj)] = obj;
                break;
        }
    }

    private void Remove(string kind, IKubernetesObject<V1ObjectMeta> obj)
    {
        var index = IndexOf(kind);
        if (index < 0)
        {
            if (_otherBuckets is { } others && others.TryGetValue(kind, out var bucket))
                bucket.Remove(Key(obj));
            return;
        }
        switch (_slots[index])
        {
            case IKubernetesObject<V1ObjectMeta>[] lone when Key(lone[0]) == Key(obj):
                _slots[index] = null;
                break;
            case Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> objects:
                objects.Remove(Key(obj));
                break;
        }
    }

    private Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> OtherBucket(string kind)
    {
        var others = _otherBuckets ??= new Dictionary<string, Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>>>(StringComparer.Ordinal);
        if (!others.TryGetValue(kind, out var bucket))
            others[kind] = bucket = [];
        return bucket;
    }

    private static bool Distinct(string[] kinds)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (kinds[i] is null || string.Equals(kinds[i], kinds[j], StringComparison.Ordinal))
                    return false;
            }
        }
        return true;
    }

    private static (string, string) Key(IKubernetesObject<V1ObjectMeta> obj) => (obj.Metadata?.NamespaceProperty ?? "", obj.Metadata?.Name ?? "");
}
