using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Tests.Runtime;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// An entity's resync request can be lost (the watcher it went to was on a replica that just died),
/// and an entity whose world is never synced never acts: a pod entity that accepted an in-place
/// request would wait for ever. So it asks again, only for what is missing, until it has it all,
/// and a second answer does not reach the model twice.
/// </summary>
public sealed class EntityResyncRetryTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly EntityId Id = new("Workload", "default", "web");
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(200);
    private readonly TestProbe _asks;
    private readonly SyncCountingModel _model = new();

    public EntityResyncRetryTests(ITestOutputHelper output)
        : this(new JournalFolder(), output)
    {
    }

    private EntityResyncRetryTests(JournalFolder journal, ITestOutputHelper output)
        : base(EntityTestKit.Setup(journal.Target), "resync-retry-tests", output)
    {
        _asks = CreateTestProbe("asks");
    }

    private sealed record Asked(EntityId Entity, ImmutableArray<string> Kinds);

    /// <summary>A feed whose watchers never answer: every request is lost.</summary>
    private sealed class LosingFeed(IActorRef asks) : IObservationFeed
    {
        public void RequestResync(EntityId entity, IReadOnlyList<WatchedResource> resources) =>
            asks.Tell(new Asked(entity, [.. resources.Select(r => r.Kind)]));
    }

    private sealed class SyncCountingModel : IEntityModel<IntentState>
    {
        private int _synced;

        public int Synced => Volatile.Read(ref _synced);

        public IntentState Initial(EntityId id) => new(id.Namespace ?? "", [], []);

        public Decision Decide(IntentState state, ObservedWorld world, object input, DateTimeOffset now)
        {
            if (input is ObservationsSynced)
                Interlocked.Increment(ref _synced);
            return Decision.None;
        }

        public IntentState Evolve(IntentState state, object @event) => state;
    }

    private IActorRef StartEntity()
    {
        var context = new EntityContext(CreateTestProbe("gateway"), new LosingFeed(_asks), new ControllerMetrics(), TimeProvider.System,
            new HealthLog("journal", Logging.GetLogger(Sys, "test")))
        {
            ResyncRetry = Retry,
        };
        var kind = new EntityKind<IntentState>(WatchedResource.Pods, _model, "Workload") { AlsoObserves = [WatchedResource.ControllerRevisions] };
        return Sys.ActorOf(kind.CreateProps(Id, context));
    }

    private string[] NextAsk() => [.. _asks.ExpectMsg<Asked>(a => Assert.Equal(Id, a.Entity)).Kinds];

    [Fact]
    public async Task A_lost_request_is_asked_again_for_what_is_still_missing_until_all_is_synced()
    {
        var entity = StartEntity();
        Assert.Equal(["Pod", "ControllerRevision"], NextAsk());
        Assert.Equal(["Pod", "ControllerRevision"], NextAsk());

        entity.Tell(new ObservationsSynced("Pod"));
        _asks.FishForMessage<Asked>(a => a.Kinds.SequenceEqual(["ControllerRevision"]));

        entity.Tell(new ObservationsSynced("ControllerRevision"));
        // Asks made before the last answer was handled are already here; none may follow.
        await entity.Ask<IntentState>(GetEntityState.Instance, TimeSpan.FromSeconds(10));
        while (_asks.HasMessages)
            _asks.ReceiveOne(TimeSpan.Zero);
        _asks.ExpectNoMsg(Retry * 5);
    }

    [Fact]
    public async Task A_second_answer_completes_nothing_twice()
    {
        var entity = StartEntity();
        NextAsk();

        entity.Tell(new ObservationsSynced("Pod"));
        entity.Tell(new ObservationsSynced("Pod"));
        entity.Tell(new ObservationsSynced("ControllerRevision"));
        entity.Tell(new ObservationsSynced("Pod"));

        AwaitAssert(() => Assert.Equal(2, _model.Synced));
        await entity.Ask<IntentState>(GetEntityState.Instance, TimeSpan.FromSeconds(10));
        Assert.Equal(2, _model.Synced);
    }
}
