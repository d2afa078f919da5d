using Akka.Actor;
using Akka.Cluster.Sharding;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Kube;

/// <summary>Delivers a message to an entity by id, wherever it runs.</summary>
public interface IEntityRouter
{
    void Tell(EntityId entity, object message);
}

/// <summary>Through this replica's shard region of the entity's kind.</summary>
public sealed class ShardRegionRouter(IReadOnlyDictionary<string, IActorRef> regions) : IEntityRouter
{
    public void Tell(EntityId entity, object message)
    {
        if (regions.TryGetValue(entity.Kind, out var region))
            region.Tell(new ShardingEnvelope(entity.ToString(), message));
    }
}
