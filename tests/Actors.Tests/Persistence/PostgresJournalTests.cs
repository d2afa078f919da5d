using Akka.Actor;
using Akka.TestKit;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Tests.Runtime;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>The entity journal on a real PostgreSQL (`--journal postgres:...`): intents persisted, replayed, snapshotted.</summary>
public sealed class PostgresJournalTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly EntityId Id = new("Intent", "default", "pg");
    private readonly TestPostgres _postgres;
    private readonly TestProbe _gateway;

    public PostgresJournalTests(ITestOutputHelper output)
        : this(new TestPostgres(), output)
    {
    }

    private PostgresJournalTests(TestPostgres postgres, ITestOutputHelper output)
        : base(EntityTestKit.Setup(postgres.Target, expectDefault: "30s"), "postgres-journal-tests", output)
    {
        _postgres = postgres;
        _gateway = CreateTestProbe("gateway");
    }

    private IActorRef StartEntity(int snapshotEvery = 100) => Sys.ActorOf(EntityTestKit.IntentEntity(Sys, Id, _gateway, new ControllerMetrics(), snapshotEvery));

    private void Stop(IActorRef entity)
    {
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
    }

    private IntentState StateOf(IActorRef entity) => entity.Ask<IntentState>(GetEntityState.Instance, RemainingOrDefault).Result;

    [Fact]
    public void A_pending_intent_is_in_postgres_before_its_command_and_is_reissued_after_a_restart()
    {
        var entity = StartEntity();
        entity.Tell(new WantConfigMap("a"));
        _gateway.ExpectMsg<CreateObject>(c => c.Id == "a");
        var rows = _postgres.Query("SELECT persistence_id, manifest FROM journal");
        Assert.Equal(("Intent/default/pg", "test.create-requested"), ((string)Assert.Single(rows)["persistence_id"]!, (string)rows[0]["manifest"]!));
        Stop(entity);

        var again = StartEntity();
        Assert.Equal("a", _gateway.ExpectMsg<CreateObject>().Id);
        Assert.Equal(["a"], StateOf(again).Pending);
    }

    [Fact]
    public void State_recovers_from_a_snapshot_plus_later_events()
    {
        var entity = StartEntity(snapshotEvery: 2);
        foreach (var name in new[] { "a", "b", "c" })
        {
            entity.Tell(new WantConfigMap(name));
            var command = _gateway.ExpectMsg<CreateObject>(c => c.Id == name);
            _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Done));
        }
        AwaitAssert(() => Assert.Equal(["a", "b", "c"], StateOf(entity).Done.Order(StringComparer.Ordinal)));
        AwaitAssert(() => Assert.NotEmpty(_postgres.Query("SELECT * FROM snapshot")));
        Stop(entity);

        var again = StartEntity(snapshotEvery: 2);
        var state = StateOf(again);
        Assert.Equal(["a", "b", "c"], state.Done.Order(StringComparer.Ordinal));
        Assert.Empty(state.Pending);
        Assert.False(_gateway.HasMessages);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _postgres.Dispose();
    }
}
