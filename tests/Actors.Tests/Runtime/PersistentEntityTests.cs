using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Runtime;

/// <summary>The entity base over a real SQLite journal: intents persisted before commands, replayed, never repeated.</summary>
public sealed class PersistentEntityTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly EntityId Id = new("Intent", "default", "one");
    private readonly JournalFolder _journal;
    private readonly TestProbe _gateway;
    private readonly ControllerMetrics _metrics = new();

    public PersistentEntityTests(ITestOutputHelper output)
        : this(new JournalFolder(), output)
    {
    }

    private PersistentEntityTests(JournalFolder journal, ITestOutputHelper output)
        : base(EntityTestKit.Setup(journal.Target), "entity-tests", output)
    {
        _journal = journal;
        _gateway = CreateTestProbe("gateway");
    }

    private IActorRef StartEntity(int snapshotEvery = 100) => Sys.ActorOf(EntityTestKit.IntentEntity(Sys, Id, _gateway, _metrics, snapshotEvery));

    private void Restart(IActorRef entity)
    {
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
    }

    private IntentState StateOf(IActorRef entity) => entity.Ask<IntentState>(GetEntityState.Instance, RemainingOrDefault).Result;

    [Fact]
    public void Intent_is_in_the_journal_before_its_command_is_sent()
    {
        var entity = StartEntity();
        entity.Tell(new WantConfigMap("a"));

        var command = _gateway.ExpectMsg<CreateObject>();
        Assert.Equal("a", command.Target.Name);
        var rows = _journal.Query("SELECT persistence_id, sequence_number, manifest FROM journal ORDER BY sequence_number");
        var row = Assert.Single(rows);
        Assert.Equal("Intent/default/one", row["persistence_id"]);
        Assert.Equal("test.create-requested", row["manifest"]);
    }

    [Fact]
    public void A_pending_intent_is_reissued_after_a_restart()
    {
        var entity = StartEntity();
        entity.Tell(new WantConfigMap("a"));
        _gateway.ExpectMsg<CreateObject>(c => c.Id == "a");
        Restart(entity); // no outcome arrived: the write may or may not have happened

        var again = StartEntity();
        var reissued = _gateway.ExpectMsg<CreateObject>();
        Assert.Equal("a", reissued.Id);
        Assert.Equal(["a"], StateOf(again).Pending);
        Assert.Single(_journal.Query("SELECT * FROM journal"));
    }

    [Fact]
    public void A_finished_intent_is_not_repeated_after_a_restart()
    {
        var entity = StartEntity();
        entity.Tell(new WantConfigMap("a"));
        var command = _gateway.ExpectMsg<CreateObject>();
        _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.AlreadyExists));
        AwaitAssert(() => Assert.Equal(["a"], StateOf(entity).Done));
        Restart(entity);

        var again = StartEntity();
        var state = StateOf(again); // answered after recovery, so a re-issued command would already be queued
        Assert.Equal(["a"], state.Done);
        Assert.Empty(state.Pending);
        Assert.False(_gateway.HasMessages);
        again.Tell(new WantConfigMap("a"));
        StateOf(again);
        Assert.False(_gateway.HasMessages);
    }

    [Fact]
    public void A_failed_command_is_retried_at_the_wake_up_the_model_asked_for()
    {
        var entity = StartEntity();
        entity.Tell(new WantConfigMap("a"));
        var command = _gateway.ExpectMsg<CreateObject>();
        _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Failed, "503"));

        var retry = _gateway.ExpectMsg<CreateObject>();
        Assert.Equal("a", retry.Id);
        Assert.Equal(["a"], StateOf(entity).Pending);
    }

    [Fact]
    public void Recovery_starts_from_the_latest_snapshot()
    {
        var entity = StartEntity(snapshotEvery: 2);
        foreach (var name in new[] { "a", "b", "c" })
        {
            entity.Tell(new WantConfigMap(name));
            var command = _gateway.ExpectMsg<CreateObject>();
            _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Done));
        }
        AwaitAssert(() => Assert.Equal(["a", "b", "c"], StateOf(entity).Done));
        // Three intents and three outcomes: the snapshot after the sixth event replaces the one after the fourth.
        AwaitAssert(() => Assert.Equal(6L, Convert.ToInt64(Assert.Single(_journal.Query("SELECT sequence_number FROM snapshot"))["sequence_number"], System.Globalization.CultureInfo.InvariantCulture)));
        Restart(entity);

        var snapshot = Assert.Single(_journal.Query("SELECT sequence_number, manifest, serializer_id FROM snapshot"));
        Assert.Equal("test.intent-state", snapshot["manifest"]);
        Assert.Equal((long)EventSerializer.Id, Convert.ToInt64(snapshot["serializer_id"], System.Globalization.CultureInfo.InvariantCulture));
        // Drop the events the snapshot covers: only the snapshot can bring their effect back.
        var covered = Convert.ToInt64(snapshot["sequence_number"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(6, covered);
        _journal.Execute($"DELETE FROM journal WHERE sequence_number <= {covered - 1}");

        var again = StartEntity(snapshotEvery: 2);
        Assert.Equal(["a", "b", "c"], StateOf(again).Done);
        Assert.False(_gateway.HasMessages);
    }

    [Fact]
    public async Task Observations_are_kept_in_memory_never_journaled()
    {
        var entity = StartEntity();
        entity.Tell(new ObjectObserved("ConfigMap", new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "unrelated", NamespaceProperty = "default" } }));

        Assert.Equal(1, await entity.Ask<int>(new HowManyObserved(), RemainingOrDefault));
        Assert.Empty(_journal.Query("SELECT * FROM journal"));
        Restart(entity);
        Assert.Equal(0, await StartEntity().Ask<int>(new HowManyObserved(), RemainingOrDefault));
    }

    [Fact]
    public void The_watch_showing_the_object_clears_the_intent()
    {
        var entity = StartEntity();
        entity.Tell(new WantConfigMap("a"));
        _gateway.ExpectMsg<CreateObject>();

        entity.Tell(new ObjectObserved("ConfigMap", new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "a", NamespaceProperty = "default" } }));

        Assert.Equal(["a"], StateOf(entity).Done);
        Assert.Equal(["test.create-requested", "test.create-confirmed"], _journal.Query("SELECT manifest FROM journal ORDER BY sequence_number").Select(r => (string)r["manifest"]!));
    }

    [Fact]
    public void The_journal_holds_manifests_and_JSON_never_CLR_type_names()
    {
        var entity = StartEntity();
        entity.Tell(new WantConfigMap("a"));
        var command = _gateway.ExpectMsg<CreateObject>();
        _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Done));
        AwaitAssert(() => Assert.Equal(2, _journal.Query("SELECT * FROM journal").Count));

        var rows = _journal.Query("SELECT manifest, identifier, message FROM journal ORDER BY sequence_number");
        Assert.Equal(["test.create-requested", "test.create-confirmed"], rows.Select(r => (string)r["manifest"]!));
        Assert.All(rows, r => Assert.Equal((long)EventSerializer.Id, Convert.ToInt64(r["identifier"], System.Globalization.CultureInfo.InvariantCulture)));
        var payload = Encoding.UTF8.GetString((byte[])rows[0]["message"]!);
        Assert.Equal("{\"name\":\"a\"}", payload);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _journal.Dispose();
    }
}
