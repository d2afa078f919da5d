using Akka.Actor;
using Akka.TestKit;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>What a watcher routed to an entity, as the probe behind <see cref="ProbeRouter"/> sees it.</summary>
public sealed record Routed(EntityId Entity, object Message);

/// <summary>An entity router that hands every routed message to a test probe, for watcher tests.</summary>
public sealed class ProbeRouter(IActorRef probe) : IEntityRouter
{
    /// <summary>A CloneSet kind that also observes its pods, as the controller's does.</summary>
    public static readonly EntityKind CloneSets = new EntityKind<IntentState>(WatchedResource.CloneSets, new IntentModel())
    {
        AlsoObserves = [WatchedResource.Pods],
    };

    public void Tell(EntityId entity, object message) => probe.Tell(new Routed(entity, message));

    /// <summary>The next message routed to an entity in <paramref name="ns"/> (other tests share the API server).</summary>
    public static Routed NextIn(TestProbe probe, string ns) =>
        (Routed)probe.FishForMessage(m => m is Routed r && r.Entity.Namespace == ns);
}
