using Akka.Actor;
using Akka.Event;
using k8s.Models;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Runtime;

public sealed record PodsCounted(int Pods);

public sealed record CountState(int Decisions, int LastCounted);

/// <summary>A level-triggered test model: on every decision, persists how many pods it sees if that changed.</summary>
public sealed class PodCountModel : IEntityModel<CountState>, ICoalescesObservations
{
    public static EventRegistry Register(EventRegistry registry) => registry
        .Add<PodsCounted>("count.pods", e => $"{e.Pods} pods")
        .Add<CountState>("count.state");

    public CountState Initial(EntityId id) => new(0, 0);

    public Decision Decide(CountState state, ObservedWorld world, object input, DateTimeOffset now) => input switch
    {
        ObservationsChanged or ObjectObserved or ObjectDeleted when world.Of("Pod").Count != state.LastCounted => Decision.Persist(new PodsCounted(world.Of("Pod").Count)),
        _ => Decision.None,
    };

    public CountState Evolve(CountState state, object @event) => @event is PodsCounted counted ? new CountState(state.Decisions + 1, counted.Pods) : state;
}

/// <summary>
/// A burst of observations for a level-triggered entity is one decision and one journal write,
/// and that decision sees every observation of the burst.
/// </summary>
public sealed class CoalescedObservationsTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly JournalFolder _journal;

    public CoalescedObservationsTests(ITestOutputHelper output)
        : this(new JournalFolder(), output)
    {
    }

    private CoalescedObservationsTests(JournalFolder journal, ITestOutputHelper output)
        : base(BootstrapSetup.Create()
            .WithConfig(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO").WithFallback(PersistenceConfig.For(journal.Target)))
            .And(EventSerializer.Setup(PodCountModel.Register(new EventRegistry()))), "coalescing-tests", output)
    {
        _journal = journal;
    }

    private IActorRef StartEntity()
    {
        var context = new EntityContext(CreateTestProbe("gateway"), NoObservationFeed.Instance, new ControllerMetrics(), TimeProvider.System,
            new HealthLog("journal", Logging.GetLogger(Sys, "test")));
        return Sys.ActorOf(new EntityKind<CountState>(WatchedResource.Pods, new PodCountModel(), "Count").CreateProps(new EntityId("Count", "default", "web"), context));
    }

    private static ObjectObserved Pod(int i) => new("Pod", new V1Pod { Metadata = new V1ObjectMeta { Name = $"web-{i}", NamespaceProperty = "default" } });

    private static Task<CountState> StateOf(IActorRef entity) => entity.Ask<CountState>(GetEntityState.Instance, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Observations_waiting_together_make_one_decision_that_sees_them_all()
    {
        // Sent before the entity has replayed its journal, so all 200 wait in its mailbox together.
        var entity = StartEntity();
        for (var i = 0; i < 200; i++)
            entity.Tell(Pod(i));

        await AwaitAssertAsync(async () => Assert.Equal(200, (await StateOf(entity)).LastCounted));
        Assert.Equal(1, (await StateOf(entity)).Decisions);
        Assert.Single(_journal.Query("SELECT sequence_number FROM journal WHERE persistence_id = 'Count/default/web'"));
    }

    [Fact]
    public async Task An_observation_arriving_after_the_decision_gets_a_decision_of_its_own()
    {
        var entity = StartEntity();
        entity.Tell(Pod(0));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await StateOf(entity)).LastCounted));

        entity.Tell(Pod(1));
        await AwaitAssertAsync(async () => Assert.Equal(new CountState(2, 2), await StateOf(entity)));
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _journal.Dispose();
    }
}
