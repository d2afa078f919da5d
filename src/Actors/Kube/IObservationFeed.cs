using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Kube;

/// <summary>
/// How an entity that just started gets the objects routed to it: the watchers re-deliver them
/// (through the shard region, in order with live events) and end each resource with
/// <see cref="ObservationsSynced"/>. Implemented by the watch topology (one watcher per resource as
/// a cluster singleton today; label-partitioned watches later) so entities never know which.
/// </summary>
public interface IObservationFeed
{
    void RequestResync(EntityId entity, IReadOnlyList<WatchedResource> resources);
}

/// <summary>A feed with no watchers (tests of a single entity): requests are dropped.</summary>
public sealed class NoObservationFeed : IObservationFeed
{
    public static readonly NoObservationFeed Instance = new();

    public void RequestResync(EntityId entity, IReadOnlyList<WatchedResource> resources)
    {
    }
}
