using k8s;
using k8s.Models;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// When a watcher re-delivers what it holds without a change (as a client-go informer's resync
/// period does): a message to an entity can be lost while its shard moves (sent to a replica that
/// just died, or held by a shard that failed to start), and nothing else would send it again, so
/// an entity whose first delivery was lost would never start. <see cref="Period"/> bounds that
/// loss in general; <see cref="AfterMemberRemoved"/> repairs the usual case, a replica's crash, as
/// soon as the survivors have taken over its shards.
/// </summary>
public sealed record ResyncOptions
{
    /// <summary>Every this long; null: never periodically.</summary>
    public TimeSpan? Period { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>This long after a replica left the cluster (its shards re-homed by then); null: not then.</summary>
    public TimeSpan? AfterMemberRemoved { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// What a resync re-delivers: each object of a resource that an owner kind stands for (a kind that
/// observes more than its own resource, e.g. CloneSets) to its own entity, and nothing else. A
/// (re)started owner asks the watchers for everything routed to it, and it re-sends what its
/// leaves must do; re-delivering every pod would instead wake each passivated pod entity.
/// </summary>
public static class PeriodicResync
{
    /// <summary>The kind whose entities a watcher of <paramref name="resource"/> resyncs, if any.</summary>
    public static EntityKind? KindFor(WatchedResource resource, IEnumerable<EntityKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(resource);
        return kinds.FirstOrDefault(k => Same(k.Resource, resource) && k.AlsoObserves.Any(r => !Same(r, resource)));
    }

    /// <summary>One observation per object <paramref name="kind"/> accepts, addressed to the object's own entity.</summary>
    public static IReadOnlyList<(EntityId Entity, ObjectObserved Message)> Deliveries(EntityKind kind, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(objects);
        var deliveries = new List<(EntityId, ObjectObserved)>();
        foreach (var obj in objects)
        {
            if (obj.Metadata?.Name is not { Length: > 0 } name || !kind.Accepts(obj))
                continue;
            var ns = kind.Resource.Namespaced ? obj.Metadata.NamespaceProperty : null;
            deliveries.Add((new EntityId(kind.Name, ns, name), new ObjectObserved(kind.Resource.Kind, obj)));
        }
        return deliveries;
    }

    private static bool Same(WatchedResource a, WatchedResource b) => a.Group == b.Group && a.Kind == b.Kind;
}
