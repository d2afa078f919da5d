using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Runtime;

public sealed class SentCommandsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ObjectRef Web = ObjectRef.CloneSet("ns", "web");
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(3);

    private static RecordEvent Event(string id) => new(id, Web, "uid", RecordEvent.Warning, "ScaleUpLimited", "limited");

    private static DeleteObject Write(string id) => new(id, ObjectRef.Pod("ns", "web-abcde"), null);

    private static List<string> Ids(IEnumerable<KubeCommand> commands) => commands.Select(c => c.Id).ToList();

    [Fact]
    public void The_first_send_of_each_id_goes_out_in_order()
    {
        var sent = new SentCommands(Window, InFlight);

        var admitted = sent.Admit([Write("delete:Pod:a"), Event("event:x"), Write("delete:Pod:b")], T0);

        Assert.Equal(["delete:Pod:a", "event:x", "delete:Pod:b"], Ids(admitted));
        Assert.Equal(2, sent.InFlight);
    }

    [Fact]
    public void The_same_id_twice_in_one_decision_goes_out_once()
    {
        var sent = new SentCommands(Window, InFlight);

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
        var sent = new SentCommands(Window, InFlight);
        var write = Write("delete:Pod:a");
        sent.Admit([write], T0);
        if (answered)
            sent.Completed(new CommandOutcome(write.Id, write.Target, CommandStatus.Done));

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
        var sent = new SentCommands(Window, InFlight);
        var e = Event("event:ScaleUpLimited:0");
        sent.Admit([e], T0);
        if (outcome is { } status)
            sent.Completed(new CommandOutcome(e.Id, e.Target, status));

        var again = sent.Admit([e], T0.AddSeconds(secondsLater));

        Assert.Equal(sentAgain, again.Count == 1);
    }

    [Fact]
    public void Events_and_writes_are_remembered_apart()
    {
        var sent = new SentCommands(Window, InFlight);
        var e = Event("event:SuccessfulDelete:web-abcde");
        sent.Admit([e], T0);
        sent.Completed(new CommandOutcome(e.Id, e.Target, CommandStatus.Done));

        Assert.Equal(0, sent.InFlight);
        Assert.Empty(sent.Admit([e], T0.AddSeconds(1)));
    }
}
