using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Runtime;

/// <summary>
/// An entity whose model decides the same writes again before anything changed sends them once;
/// a paced write waits for its interval and then goes without further input.
/// </summary>
public sealed class RepeatedWritesTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly JournalFolder _journal;
    private readonly TestProbe _gateway;

    public RepeatedWritesTests()
        : this(new JournalFolder())
    {
    }

    private RepeatedWritesTests(JournalFolder journal)
        : base(BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString("akka.test.single-expect-default = 20s").WithFallback(PersistenceConfig.For(journal.Target)))
            .And(EventSerializer.Setup(new EventRegistry().Add<RepeatState>("test.repeat-state"))), "repeated-writes")
    {
        _journal = journal;
        _gateway = CreateTestProbe();
    }

    private IActorRef Entity()
    {
        var context = new EntityContext(_gateway, NoObservationFeed.Instance, new ControllerMetrics(), TimeProvider.System, new HealthLog("journal", NoLogger.Instance));
        return Sys.ActorOf(new EntityKind<RepeatState>(WatchedResource.Pods, new RepeatModel(), "Repeat").CreateProps(new EntityId("Repeat", "ns", "one"), context));
    }

    [Fact]
    public void The_same_event_decided_again_is_recorded_once()
    {
        var entity = Entity();

        entity.Tell("event");
        var first = _gateway.ExpectMsg<RecordEvent>();
        _gateway.Reply(new CommandOutcome(first.Id, first.Target, CommandStatus.Done));
        entity.Tell("event");
        entity.Tell("write");

        Assert.IsType<CreateObject>(_gateway.ExpectMsg<KubeCommand>());
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_write_decided_again_while_in_flight_is_sent_once_and_again_after_its_outcome()
    {
        var entity = Entity();

        entity.Tell("write");
        var first = _gateway.ExpectMsg<CreateObject>();
        entity.Tell("write");
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        entity.Tell(new CommandOutcome(first.Id, first.Target, CommandStatus.Failed, "503"));
        entity.Tell("write");

        Assert.Equal(first.Id, _gateway.ExpectMsg<CreateObject>().Id);
    }

    [Fact]
    public void A_paced_write_held_back_goes_out_on_its_own_once_the_interval_has_passed()
    {
        var entity = Entity();

        entity.Tell("paced:1");
        Assert.Equal("status:ConfigMap:one@1", _gateway.ExpectMsg<ReplaceStatus>().Id);
        entity.Tell("paced:2");
        _gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // No further input: the entity wakes up when the interval is over and decides again.
        Assert.Equal("status:ConfigMap:one@wake", _gateway.ExpectMsg<ReplaceStatus>(TimeSpan.FromSeconds(5)).Id);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _journal.Dispose();
    }

    public sealed record RepeatState;

    /// <summary>Decides the same command every time it is asked: "event" records an Event, "write" creates a ConfigMap.</summary>
    private sealed class RepeatModel : IEntityModel<RepeatState>
    {
        private static readonly ObjectRef Target = new("", "v1", "configmaps", "ConfigMap", "ns", "one");

        public RepeatState Initial(EntityId id) => new();

        public Decision Decide(RepeatState state, ObservedWorld world, object input, DateTimeOffset now) => input switch
        {
            "event" => Decision.Send(new RecordEvent("event:Limited:1", Target, "uid", RecordEvent.Warning, "Limited", "limited")),
            "write" => Decision.Send(new CreateObject("create:ConfigMap:one", Target, new k8s.Models.V1ConfigMap())),
            string paced when paced.StartsWith("paced:", StringComparison.Ordinal) => Paced(paced["paced:".Length..]),
            WakeUp => Paced("wake"),
            _ => Decision.None,
        };

        public RepeatState Evolve(RepeatState state, object @event) => state;

        private static Decision Paced(string version) => Decision.Send(new ReplaceStatus($"status:ConfigMap:one@{version}", Target, new k8s.Models.V1ConfigMap())
        {
            Pacing = new CommandPacing("status:ConfigMap:one", TimeSpan.FromSeconds(1)),
        });
    }
}
