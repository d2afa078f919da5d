using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Kube;

/// <summary>
/// Which watched objects (namespace, name) a watcher has routed to each entity, so it can send an
/// entity that (re)started everything it should see. Nearly every entity is sent one object (a Pod
/// entity its pod): such an entity keeps that key alone, boxed (32 bytes), and gets a set only when
/// a second key arrives (a one-key HashSet and its arrays take ~200 bytes, 2 MB at 10,000 pods).
/// </summary>
public sealed class RoutedKeys
{
    // Per entity: a boxed (string, string) or a HashSet of them.
    private readonly Dictionary<EntityId, object> _keys = [];

    /// <summary>Entities with at least one key.</summary>
    public int Count => _keys.Count;

    public void Add(EntityId entity, (string, string) key)
    {
        if (!_keys.TryGetValue(entity, out var held))
            _keys[entity] = key;
        else if (held is HashSet<(string, string)> set)
            set.Add(key);
        else if (!held.Equals(key))
            _keys[entity] = new HashSet<(string, string)> { ((string, string))held, key };
    }

    public void Remove(EntityId entity, (string, string) key)
    {
        if (!_keys.TryGetValue(entity, out var held))
            return;
        if (held is HashSet<(string, string)> set)
        {
            if (set.Remove(key) && set.Count == 0)
                _keys.Remove(entity);
        }
        else if (held.Equals(key))
        {
            _keys.Remove(entity);
        }
    }

    /// <summary>The keys routed to <paramref name="entity"/>; a copy, so the caller may change the index meanwhile.</summary>
    public IReadOnlyList<(string Namespace, string Name)> Of(EntityId entity) => _keys.TryGetValue(entity, out var held)
        ? held is HashSet<(string, string)> set ? [.. set] : [((string, string))held]
        : [];
}
