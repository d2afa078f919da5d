using System.Globalization;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>
/// Entities on a SQLite journal recovered by a new process (a new actor system on the same file, which
/// answers from its recovery index) and again inside that process (ids it wrote, answered by the
/// database): every event and snapshot comes back, and new events continue the sequence.
/// </summary>
public sealed class IndexedSqliteRecoveryTests : IDisposable
{
    private readonly JournalFolder _journal = new();

    public void Dispose() => _journal.Dispose();

    /// <summary>One controller process: an actor system on the journal, the Intent entity, a probe for its gateway.</summary>
    private sealed class Process : IDisposable
    {
        private readonly TestKit _kit;
        private readonly Akka.TestKit.TestProbe _gateway;

        public Process(JournalFolder journal)
        {
            _kit = new TestKit(EntityTestKit.Setup(journal.Target), "indexed-recovery");
            _gateway = _kit.CreateTestProbe("gateway");
        }

        public IActorRef Start(string name, int snapshotEvery = 100) =>
            _kit.Sys.ActorOf(EntityTestKit.IntentEntity(_kit.Sys, new EntityId("Intent", "default", name), _gateway, new ControllerMetrics(), snapshotEvery));

        /// <summary>Asks for each ConfigMap and confirms its creation: two events each.</summary>
        public void Finish(IActorRef entity, params string[] names)
        {
            foreach (var name in names)
            {
                entity.Tell(new WantConfigMap(name));
                var command = _gateway.ExpectMsg<CreateObject>(c => c.Id == name);
                _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Done));
            }
            _kit.AwaitAssert(() => Assert.True(State(entity).Done.IsSupersetOf(names)));
        }

        public static IntentState State(IActorRef entity) => entity.Ask<IntentState>(GetEntityState.Instance, TimeSpan.FromSeconds(20)).Result;

        public void Stop(IActorRef entity)
        {
            var probe = _kit.CreateTestProbe();
            probe.Watch(entity);
            _kit.Sys.Stop(entity);
            probe.ExpectTerminated(entity);
        }

        public bool GatewayIdle => !_gateway.HasMessages;

        public void AwaitAssert(Action assertion) => _kit.AwaitAssert(assertion);

        public void Dispose() => _kit.Shutdown();
    }

    private List<long> Sequence(string name) =>
        _journal.Query($"SELECT sequence_number FROM journal WHERE persistence_id = 'Intent/default/{name}' ORDER BY sequence_number")
            .Select(r => Convert.ToInt64(r["sequence_number"], CultureInfo.InvariantCulture)).ToList();

    private long SnapshotAt(string name) =>
        Convert.ToInt64(Assert.Single(_journal.Query($"SELECT sequence_number FROM snapshot WHERE persistence_id = 'Intent/default/{name}'"))["sequence_number"],
            CultureInfo.InvariantCulture);

    [Fact]
    public void A_new_process_recovers_every_event_and_continues_the_sequence()
    {
        using (var first = new Process(_journal))
            first.Finish(first.Start("events"), "a", "b");

        using var second = new Process(_journal);
        var entity = second.Start("events");
        Assert.Equal(["a", "b"], Process.State(entity).Done);
        second.Finish(entity, "c");

        // Had recovery been told a lower highest number, the new events would have collided with old ones.
        Assert.Equal([1L, 2, 3, 4, 5, 6], Sequence("events"));
        Assert.True(second.GatewayIdle);
    }

    [Fact]
    public void A_new_process_recovers_from_the_latest_snapshot()
    {
        using (var first = new Process(_journal))
        {
            first.Finish(first.Start("snap", snapshotEvery: 2), "a", "b", "c");
            // The snapshot after the sixth event replaces the one after the fourth.
            first.AwaitAssert(() => Assert.Equal(6, SnapshotAt("snap")));
        }
        var covered = SnapshotAt("snap");
        // Only the snapshot can bring back what the dropped events did.
        _journal.Execute($"DELETE FROM journal WHERE persistence_id = 'Intent/default/snap' AND sequence_number < {covered}");

        using var second = new Process(_journal);
        Assert.Equal(["a", "b", "c"], Process.State(second.Start("snap", snapshotEvery: 2)).Done);
    }

    [Fact]
    public void An_entity_first_written_by_this_process_recovers_its_events_and_snapshot_after_a_restart()
    {
        using (var first = new Process(_journal))
            first.Finish(first.Start("other"), "x");

        using var second = new Process(_journal);
        // Unknown to the journal when this process read its index: no events, no snapshot.
        var entity = second.Start("late", snapshotEvery: 4);
        Assert.Empty(Process.State(entity).Done);
        second.Finish(entity, "a", "b", "c");
        second.AwaitAssert(() => Assert.Equal(4, SnapshotAt("late")));
        second.Stop(entity);
        _journal.Execute("DELETE FROM journal WHERE persistence_id = 'Intent/default/late' AND sequence_number < 4");

        var again = second.Start("late", snapshotEvery: 4);
        Assert.Equal(["a", "b", "c"], Process.State(again).Done);
        second.Finish(again, "d");
        Assert.Equal([4L, 5, 6, 7, 8], Sequence("late"));
    }
}
