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
/// synced kinds are bits, and a kind's objects get a dictionary only once one arrives. Kinds not
/// declared (never routed by the runtime, but accepted) fall back to dictionaries made on demand.
/// </remarks>
public sealed class ObservedWorld
{
    private const int SyncBits = 64;

    private readonly string[] _kinds;
    private readonly Dictionary<(string Namespace, string Name), IKubernetesObject<V1ObjectMeta>>?[] _buckets;
    private Dictionary<string, Dictionary<(string Namespace, string Name), IKubernetesObject<V1ObjectMeta>>>? _otherBuckets;
    private ulong _syncedBits;
    private HashSet<string>? _otherSynced;

    /// <summary>A world observing <paramref name="kinds"/>; an array of distinct kinds is kept as given, not copied.</summary>
    public ObservedWorld(IEnumerable<string> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _kinds = kinds is string[] given && Distinct(given) ? given : [.. kinds.Distinct(StringComparer.Ordinal)];
        _buckets = _kinds.Length == 0 ? [] : new Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>>?[_kinds.Length];
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
    public IReadOnlyCollection<IKubernetesObject<V1ObjectMeta>> Of(string kind) =>
        Existing(kind) is { } objects ? objects.Values : [];

    /// <summary>The objects of <paramref name="kind"/> that are <typeparamref name="T"/>.</summary>
    public IEnumerable<T> All<T>(string kind) where T : IKubernetesObject<V1ObjectMeta> => Of(kind).OfType<T>();

    public T? Get<T>(string kind, string? ns, string name) where T : class, IKubernetesObject<V1ObjectMeta> =>
        Existing(kind) is { } objects && objects.TryGetValue((ns ?? "", name), out var obj) ? obj as T : null;

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var bucket in _buckets)
                count += bucket?.Count ?? 0;
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
                Bucket(observed.Kind)[Key(observed.Object)] = observed.Object;
                return true;
            case ObjectDeleted deleted:
                Existing(deleted.Kind)?.Remove(Key(deleted.Object));
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

    private Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>>? Existing(string kind)
    {
        var index = IndexOf(kind);
        if (index >= 0)
            return _buckets[index];
        return _otherBuckets is { } others && others.TryGetValue(kind, out var bucket) ? bucket : null;
    }

    private Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> Bucket(string kind)
    {
        var index = IndexOf(kind);
        if (index >= 0)
            return _buckets[index] ??= [];
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
