using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Journal;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;
using Kruise.Actors.Tests.Integration;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>The journal reader behind `events`: summaries from the registry, bookkeeping ids left out.</summary>
public sealed class EventLogReaderTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly JournalFolder _journal;
    private readonly TestProbe _gateway;
    private readonly EventRegistry _registry = IntentModel.Register(new EventRegistry());

    public EventLogReaderTests()
        : this(new JournalFolder())
    {
    }

    private EventLogReaderTests(JournalFolder journal)
        : base(BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString("akka.test.single-expect-default = 20s").WithFallback(PersistenceConfig.For(journal.Target)))
            .And(EventSerializer.Setup(IntentModel.Register(new EventRegistry()))), "reader")
    {
        _journal = journal;
        _gateway = CreateTestProbe();
    }

    [Fact]
    public async Task Events_come_back_in_order_with_their_registered_summaries()
    {
        var context = new EntityContext(_gateway, NoObservationFeed.Instance, new ControllerMetrics(), TimeProvider.System, new HealthLog("journal", NoLogger.Instance));
        var entity = Sys.ActorOf(new EntityKind<IntentState>(WatchedResource.Pods, new IntentModel(), "Intent").CreateProps(new EntityId("Intent", "default", "one"), context));
        entity.Tell(new WantConfigMap("a"));
        var command = _gateway.ExpectMsg<CreateObject>();
        _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Done));
        await Eventually.True(() => _journal.Query("SELECT * FROM journal").Count == 2, "two events");
        // Sharding's remember-entities bookkeeping lives in the same table; it is not an entity.
        _journal.Execute("INSERT INTO journal (deleted, persistence_id, sequence_number, created, message, identifier, manifest) VALUES (0, '/sharding/IntentShard/7', 1, 0, x'00', 13, 'A')");
        var reader = new EventLogReader(_journal.Target, _registry);

        var entities = await reader.ListEntities(default);
        var events = await reader.Read(new EntityId("Intent", "default", "one"), 0, default);
        var tail = await reader.Read(new EntityId("Intent", "default", "one"), 1, default);

        var listed = Assert.Single(entities);
        Assert.Equal((new EntityId("Intent", "default", "one"), 2L), (listed.Entity, listed.Events));
        Assert.Equal(["create configmap a", "configmap a exists"], events.Select(e => e.Summary));
        Assert.Equal((string?)"a", (string?)events[0].Event!["name"]);
        Assert.True(events[0].Time <= events[1].Time);
        Assert.Equal([2L], tail.Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_journal_nothing_was_written_to_yet_is_empty()
    {
        var reader = new EventLogReader(_journal.Target, _registry);
        Assert.Empty(await reader.ListEntities(default));
        Assert.Empty(await reader.Read(new EntityId("Intent", "default", "one"), 0, default));
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _journal.Dispose();
    }
}
