using Akka.Cluster.Sharding;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// Entity messages travel in a <see cref="ShardingEnvelope"/> (which Akka unwraps itself, as it does
/// remember-entities' StartEntity); the shard is a hash of the entity id. Anything else sent to a
/// region has no entity and is dropped.
/// </summary>
public sealed class EntityMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => null;
}
