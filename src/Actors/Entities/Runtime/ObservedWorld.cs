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
public sealed class ObservedWorld
{
    private readonly Dictionary<string, Dictionary<(string Namespace, string Name), IKubernetesObject<V1ObjectMeta>>> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _synced = new(StringComparer.Ordinal);

    public ObservedWorld(IEnumerable<string> kinds)
    {
        Kinds = kinds.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The kinds this entity observes.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>Every observed kind has been re-delivered in full since the entity started.</summary>
    public bool AllSynced => Kinds.All(_synced.Contains);

    public bool IsSynced(string kind) => _synced.Contains(kind);

    /// <summary>The objects of <paramref name="kind"/> (e.g. "Pod"), in no particular order.</summary>
    public IReadOnlyCollection<IKubernetesObject<V1ObjectMeta>> Of(string kind) =>
        _objects.TryGetValue(kind, out var objects) ? objects.Values : [];

    /// <summary>The objects of <paramref name="kind"/> that are <typeparamref name="T"/>.</summary>
    public IEnumerable<T> All<T>(string kind) where T : IKubernetesObject<V1ObjectMeta> => Of(kind).OfType<T>();

    public T? Get<T>(string kind, string? ns, string name) where T : class, IKubernetesObject<V1ObjectMeta> =>
        _objects.TryGetValue(kind, out var objects) && objects.TryGetValue((ns ?? "", name), out var obj) ? obj as T : null;

    public int Count => _objects.Values.Sum(o => o.Count);

    /// <summary>Folds an input into the view; returns whether it was an observation.</summary>
    public bool Apply(object input)
    {
        switch (input)
        {
            case ObjectObserved observed:
                Bucket(observed.Kind)[Key(observed.Object)] = observed.Object;
                return true;
            case ObjectDeleted deleted:
                Bucket(deleted.Kind).Remove(Key(deleted.Object));
                return true;
            case ObservationsSynced synced:
                _synced.Add(synced.Kind);
                return true;
            default:
                return false;
        }
    }

    private Dictionary<(string, string), IKubernetesObject<V1ObjectMeta>> Bucket(string kind)
    {
        if (!_objects.TryGetValue(kind, out var bucket))
            _objects[kind] = bucket = [];
        return bucket;
    }

    private static (string, string) Key(IKubernetesObject<V1ObjectMeta> obj) => (obj.Metadata?.NamespaceProperty ?? "", obj.Metadata?.Name ?? "");
}
