using k8s.Models;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Runtime;

public sealed class SentCommandsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ObjectRef Web = ObjectRef.CloneSet("ns", "web");
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Observe = TimeSpan.FromSeconds(15);

    private static RecordEvent Event(string id) => new(id, Web, "uid", RecordEvent.Warning, "ScaleUpLimited", "limited");

    private static DeleteObject Write(string id) => new(id, ObjectRef.Pod("ns", "web-abcde"), null);

    private static List<string> Ids(IEnumerable<KubeCommand> commands) => commands.Select(c => c.Id).ToList();

    [Fact]
    public void The_first_send_of_each_id_goes_out_in_order()
    {
        var sent = new SentCommands(Window, InFlight, Observe);

        var admitted = sent.Admit([Write("delete:Pod:a"), Event("event:x"), Write("delete:Pod:b")], T0);

        Assert.Equal(["delete:Pod:a", "event:x", "delete:Pod:b"], Ids(admitted));
        Assert.Equal(2, sent.InFlight);
    }

    [Fact]
    public void The_same_id_twice_in_one_decision_goes_out_once()
    {
        var sent = new SentCommands(Window, InFlight, Observe);

        Assert.Equal(["event:x"], Ids(sent.Admit([Event("event:x"), Event("event:x")], T0)));
    }

    // Seconds after the first send; whether the outcome arrived in between; whether the second goes out.
    [Theory]
    [InlineData(1, false, false)] // still in flight: the same write
    [InlineData(1, true, true)] // answered: a new decision to make it again
    [InlineData(179, false, false)]
    [InlineData(180, false, true)] // no answer for longer than the gateway retries: assumed lost
    public void A_write_is_not_repeated_while_it_is_in_flight(int secondsLater, bool answered, bool sentAgain)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var write = Write("delete:Pod:a");
        sent.Admit([write], T0);
        if (answered)
            sent.Completed(new CommandOutcome(write.Id, write.Target, CommandStatus.Done), T0);

        var again = sent.Admit([write], T0.AddSeconds(secondsLater));

        Assert.Equal(sentAgain, again.Count == 1);
    }

    // Seconds after the first send; the outcome of the first send; whether the second goes out.
    [Theory]
    [InlineData(1, null, false)]
    [InlineData(1, CommandStatus.Done, false)] // recorded: a resend could only be AlreadyExists
    [InlineData(1, CommandStatus.AlreadyExists, false)]
    [InlineData(1, CommandStatus.Failed, true)] // never recorded: may go again
    [InlineData(599, CommandStatus.Done, false)]
    [InlineData(600, CommandStatus.Done, true)] // the window is over
    public void An_event_is_recorded_once_per_window(int secondsLater, CommandStatus? outcome, bool sentAgain)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var e = Event("event:ScaleUpLimited:0");
        sent.Admit([e], T0);
        if (outcome is { } status)
            sent.Completed(new CommandOutcome(e.Id, e.Target, status), T0);

        var again = sent.Admit([e], T0.AddSeconds(secondsLater));

        Assert.Equal(sentAgain, again.Count == 1);
    }

    [Fact]
    public void Events_and_writes_are_remembered_apart()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var e = Event("event:SuccessfulDelete:web-abcde");
        sent.Admit([e], T0);
        sent.Completed(new CommandOutcome(e.Id, e.Target, CommandStatus.Done), T0);

        Assert.Equal(0, sent.InFlight);
        Assert.Empty(sent.Admit([e], T0.AddSeconds(1)));
    }

    private const string ReadyPatch = "status:Pod:web-abcde";

    private static PatchObject Patch(string id = ReadyPatch) => new(id, ObjectRef.Pod("ns", "web-abcde"), PatchKind.StrategicMerge, "{}", "status");

    private static V1Pod Pod(string resourceVersion) => new() { Metadata = new V1ObjectMeta { Name = "web-abcde", NamespaceProperty = "ns", ResourceVersion = resourceVersion } };

    private static ObservedWorld WorldWith(string? podVersion, params string[] kinds)
    {
        var world = new ObservedWorld(kinds.Length == 0 ? ["CloneSet", "Pod"] : kinds);
        if (podVersion is not null)
            world.Apply(new ObjectObserved("Pod", Pod(podVersion)));
        return world;
    }

    // What the watch shows after the patch was answered Done (null: nothing yet); whether the same patch, decided again, goes out.
    [Theory]
    [InlineData(null, false)] // the next decision still sees the pod as it was: the write is done, not repeated
    [InlineData("10", false)] // an event of the version the patch was decided on (it was queued before the write)
    [InlineData("11", true)] // the pod changed since: decided on a newer object, the write goes out again
    public void A_done_write_to_a_watched_object_is_held_until_the_watch_shows_the_object_changed(string? observedVersion, bool sentAgain)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        sent.Admit([Patch()], T0, world);
        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done), T0.AddSeconds(1));
        if (observedVersion is not null)
        {
            var observed = new ObjectObserved("Pod", Pod(observedVersion));
            sent.Observed(observed);
            world.Apply(observed);
        }

        var again = sent.Admit([Patch()], T0.AddSeconds(2), world);

        Assert.Equal(sentAgain, again.Count == 1);
    }

    [Fact]
    public void A_held_write_is_released_when_its_object_is_deleted()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        sent.Admit([Patch()], T0, world);
        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done), T0);
        Assert.Equal(1, sent.AwaitingObservation);

        sent.Observed(new ObjectDeleted("Pod", Pod("10")));

        Assert.Equal(0, sent.AwaitingObservation);
        Assert.Single(sent.Admit([Patch()], T0.AddSeconds(1), world));
    }

    // Seconds after the Done answer; whether the same write goes out though the watch never showed a change.
    [Theory]
    [InlineData(14, false)]
    [InlineData(15, true)] // the watch may have missed it (or the write changed nothing): decide again
    public void A_held_write_is_released_after_the_observe_limit(int secondsLater, bool sentAgain)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        sent.Admit([Patch()], T0, world);
        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done), T0);

        Assert.Equal(sentAgain, sent.Admit([Patch()], T0.AddSeconds(secondsLater), world).Count == 1);
    }

    [Fact]
    public void A_write_whose_object_changed_while_it_was_in_flight_is_not_held_once_done()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        sent.Admit([Patch()], T0, world);
        var observed = new ObjectObserved("Pod", Pod("11"));
        sent.Observed(observed);
        world.Apply(observed);

        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done), T0.AddSeconds(1));

        Assert.Equal(0, sent.AwaitingObservation);
        Assert.Single(sent.Admit([Patch()], T0.AddSeconds(2), world));
    }

    [Theory]
    [InlineData(CommandStatus.Failed)]
    [InlineData(CommandStatus.Conflict)]
    [InlineData(CommandStatus.NotFound)]
    public void A_write_that_did_not_happen_is_not_held(CommandStatus status)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        sent.Admit([Patch()], T0, world);

        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, status), T0);

        Assert.Single(sent.Admit([Patch()], T0.AddSeconds(1), world));
    }

    [Fact]
    public void A_done_write_to_a_kind_the_entity_does_not_watch_is_not_held()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith(null, "CloneSet");
        sent.Admit([Patch()], T0, world);

        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done), T0);

        Assert.Equal(0, sent.AwaitingObservation);
        Assert.Single(sent.Admit([Patch()], T0.AddSeconds(1), world));
    }

    [Fact]
    public void A_create_is_held_until_the_watch_delivers_the_new_object()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith(null);
        var create = new CreateObject("create:Pod:web-abcde", ObjectRef.Pod("ns", "web-abcde"), Pod(""));
        sent.Admit([create], T0, world);
        sent.Completed(new CommandOutcome(create.Id, create.Target, CommandStatus.Done), T0);
        Assert.Empty(sent.Admit([create], T0.AddSeconds(1), world));

        sent.Observed(new ObjectObserved("Pod", Pod("5")));

        Assert.Equal(0, sent.AwaitingObservation);
    }

    [Fact]
    public void Writes_forgotten_after_the_in_flight_limit_leave_nothing_behind()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        for (var i = 0; i < 100; i++)
            sent.Admit([Patch($"status:Pod:p{i}")], T0.AddSeconds(i % 10), world);
        Assert.Equal(100, sent.InFlight);

        sent.Admit([Write("delete:Pod:z")], T0.AddMinutes(4), world);

        Assert.Equal(1, sent.InFlight);
    }

    // How the remembered writes and events end; whether anything is left remembered afterwards.
    [Theory]
    [InlineData("observed", true)] // the watch showed the done write
    [InlineData("deleted", true)] // the watch showed its object gone
    [InlineData("failed", true)] // a write that did not happen is not held
    [InlineData("in-flight", false)] // still waiting for its answer
    [InlineData("event", false)] // an event is remembered for its whole window
    [InlineData("event-expired", true)] // and forgotten after it
    public void An_entity_whose_writes_are_all_settled_remembers_nothing(string ending, bool empty)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        Assert.True(sent.IsEmpty);
        var patch = Patch();
        switch (ending)
        {
            case "event" or "event-expired":
                sent.Admit([Event("event:x")], T0, world);
                break;
            default:
                sent.Admit([patch], T0, world);
                break;
        }
        switch (ending)
        {
            case "observed":
                sent.Completed(new CommandOutcome(patch.Id, patch.Target, CommandStatus.Done), T0.AddSeconds(1));
                sent.Observed(new ObjectObserved("Pod", Pod("11")));
                break;
            case "deleted":
                sent.Completed(new CommandOutcome(patch.Id, patch.Target, CommandStatus.Done), T0.AddSeconds(1));
                sent.Observed(new ObjectDeleted("Pod", Pod("11")));
                break;
            case "failed":
                sent.Completed(new CommandOutcome(patch.Id, patch.Target, CommandStatus.Failed), T0.AddSeconds(1));
                sent.Admit([Event("event:later")], T0.AddMinutes(11), world);
                sent.Completed(new CommandOutcome("event:later", Web, CommandStatus.Failed), T0.AddMinutes(11));
                break;
            case "event-expired":
                sent.Completed(new CommandOutcome("event:x", Web, CommandStatus.Done), T0.AddMinutes(11));
                break;
        }

        Assert.Equal(empty, sent.IsEmpty);
    }

    // The versions the watch delivers after a patch the API answered at version 12 (a kubelet
    // status write at 11 raced it); whether the same patch, decided again after each, goes out.
    [Theory]
    [InlineData(new[] { "11" }, false)] // older than the write: the decision saw the pod without it
    [InlineData(new[] { "11", "12" }, true)] // the write itself shows: decided on what it made
    [InlineData(new[] { "13" }, true)]
    public void A_done_write_with_its_version_is_held_until_the_watch_reaches_that_version(string[] delivered, bool sentAgain)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        sent.Admit([Patch()], T0, world);
        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done, ResourceVersion: "12"), T0);
        foreach (var version in delivered)
        {
            var observed = new ObjectObserved("Pod", Pod(version));
            sent.Observed(observed);
            world.Apply(observed);
        }

        Assert.Equal(sentAgain, sent.Admit([Patch()], T0.AddSeconds(1), world).Count == 1);
    }

    // Versions delivered while the patch was in flight, then the Done answer at 12.
    [Theory]
    [InlineData(new[] { "11" }, 1)] // the kubelet's write, not ours: still held
    [InlineData(new[] { "11", "12" }, 0)] // ours came first: nothing to wait for
    public void Versions_delivered_while_the_write_was_in_flight_count_once_it_is_answered(string[] delivered, int held)
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("10");
        sent.Admit([Patch()], T0, world);
        foreach (var version in delivered)
            sent.Observed(new ObjectObserved("Pod", Pod(version)));

        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done, ResourceVersion: "12"), T0);

        Assert.Equal(held, sent.AwaitingObservation);
    }

    [Fact]
    public void Versions_that_are_not_integers_release_a_held_write_on_any_change()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        var world = WorldWith("a");
        sent.Admit([Patch()], T0, world);
        sent.Completed(new CommandOutcome(ReadyPatch, Patch().Target, CommandStatus.Done, ResourceVersion: "c"), T0);

        sent.Observed(new ObjectObserved("Pod", Pod("b")));

        Assert.Equal(0, sent.AwaitingObservation);
    }

    private static ReplaceStatus Status(string version, TimeSpan interval) =>
        new($"status:CloneSet:web@{version}", Web, new V1Pod()) { Pacing = new CommandPacing("status:CloneSet:web", interval) };

    // Seconds after the first paced write; whether the next (another id, same key) goes out; when the held one is due.
    [Theory]
    [InlineData(0, false, 10)]
    [InlineData(9, false, 10)]
    [InlineData(10, true, null)]
    [InlineData(30, true, null)]
    public void A_paced_write_waits_out_the_interval_since_the_last_of_its_key(int secondsLater, bool sent, int? dueAt)
    {
        var sentCommands = new SentCommands(Window, InFlight, Observe);
        sentCommands.Admit([Status("1", TimeSpan.FromSeconds(10))], T0);

        var next = sentCommands.Admit([Status("2", TimeSpan.FromSeconds(10))], T0.AddSeconds(secondsLater));

        Assert.Equal(sent, next.Count == 1);
        Assert.Equal(dueAt is { } due ? T0.AddSeconds(due) : null, sentCommands.HeldUntil);
    }

    [Fact]
    public void A_zero_interval_goes_at_once_and_restarts_the_interval()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        sent.Admit([Status("1", TimeSpan.FromSeconds(10))], T0);

        Assert.Single(sent.Admit([Status("2", TimeSpan.Zero)], T0.AddSeconds(3)));
        Assert.Empty(sent.Admit([Status("3", TimeSpan.FromSeconds(10))], T0.AddSeconds(12)));
        Assert.Equal(T0.AddSeconds(13), sent.HeldUntil);
    }

    [Fact]
    public void A_held_write_is_not_remembered_so_the_same_write_goes_once_due()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        sent.Admit([Status("1", TimeSpan.FromSeconds(10))], T0);
        Assert.Empty(sent.Admit([Status("2", TimeSpan.FromSeconds(10))], T0.AddSeconds(1)));

        Assert.Single(sent.Admit([Status("2", TimeSpan.FromSeconds(10))], T0.AddSeconds(10)));
        Assert.Null(sent.HeldUntil);
    }

    [Fact]
    public void Pacing_keys_and_unpaced_writes_do_not_hold_each_other()
    {
        var sent = new SentCommands(Window, InFlight, Observe);
        sent.Admit([Status("1", TimeSpan.FromSeconds(10))], T0);

        var other = new ReplaceStatus("status:CloneSet:api@1", ObjectRef.CloneSet("ns", "api"), new V1Pod())
        {
            Pacing = new CommandPacing("status:CloneSet:api", TimeSpan.FromSeconds(10)),
        };
        var admitted = sent.Admit([other, Write("delete:Pod:a"), Status("2", TimeSpan.FromSeconds(10))], T0.AddSeconds(1));

        Assert.Equal(["status:CloneSet:api@1", "delete:Pod:a"], Ids(admitted));
        Assert.Equal(T0.AddSeconds(10), sent.HeldUntil);
    }
}
