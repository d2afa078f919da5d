using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Event;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Runtime;

/// <summary>What the entity tests share: an actor system on a real journal, and the test Intent entity with a probe as its gateway.</summary>
public static class EntityTestKit
{
    public static ActorSystemSetup Setup(JournalTarget journal, string expectDefault = "20s") =>
        BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString($"akka.loglevel = INFO\nakka.test.single-expect-default = {expectDefault}").WithFallback(PersistenceConfig.For(journal)))
            .And(EventSerializer.Setup(IntentModel.Register(new EventRegistry())));

    public static Props IntentEntity(ActorSystem system, EntityId id, IActorRef gateway, ControllerMetrics metrics, int snapshotEvery = 100)
    {
        var context = new EntityContext(gateway, NoObservationFeed.Instance, metrics, TimeProvider.System, new HealthLog("journal", Logging.GetLogger(system, "test")))
        {
            SnapshotEvery = snapshotEvery,
        };
        return new EntityKind<IntentState>(WatchedResource.Pods, new IntentModel(), "Intent").CreateProps(id, context);
    }
}
