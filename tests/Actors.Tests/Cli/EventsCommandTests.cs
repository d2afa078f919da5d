using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;
using Kruise.Actors.Tests.Integration;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Cli;

/// <summary>`kruise-actors events list/show` on a journal a running entity writes.</summary>
public sealed class EventsCommandTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly JournalFolder _journal;
    private readonly TestProbe _gateway;

    public EventsCommandTests()
        : this(new JournalFolder())
    {
    }

    private EventsCommandTests(JournalFolder journal)
        : base(BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString("akka.test.single-expect-default = 20s").WithFallback(PersistenceConfig.For(journal.Target)))
            .And(EventSerializer.Setup(IntentModel.Register(new EventRegistry()))), "events-cli")
    {
        _journal = journal;
        _gateway = CreateTestProbe();
    }

    private string Journal => "sqlite:" + Path.Combine(_journal.Path, JournalTarget.DefaultFileName);

    private IActorRef Entity(string ns, string name)
    {
        var context = new EntityContext(_gateway, NoObservationFeed.Instance, new ControllerMetrics(), TimeProvider.System, new HealthLog("journal", NoLogger.Instance));
        return Sys.ActorOf(new EntityKind<IntentState>(WatchedResource.Pods, new IntentModel(), "Intent").CreateProps(new EntityId("Intent", ns, name), context));
    }

    private void Want(IActorRef entity, string name, bool complete)
    {
        entity.Tell(new WantConfigMap(name));
        var command = _gateway.ExpectMsg<CreateObject>();
        if (complete)
            _gateway.Reply(new CommandOutcome(command.Id, command.Target, CommandStatus.Done));
    }

    private async Task WriteLog()
    {
        var one = Entity("default", "one");
        Want(one, "a", complete: true);
        Want(one, "b", complete: false);
        Want(Entity("other", "two"), "x", complete: false);
        await Eventually.True(() => _journal.Query("SELECT * FROM journal").Count == 4, "four events persisted");
    }

    [Fact]
    public async Task List_shows_each_entity_with_its_event_count()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        await WriteLog();

        var table = await KruiseActorsCli.Run("events", "list", "--journal", Journal);
        var json = await KruiseActorsCli.Run("events", "list", "--journal", Journal, "--output", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains(table.Lines, l => l.StartsWith("KIND", StringComparison.Ordinal) && l.Contains("EVENTS", StringComparison.Ordinal) && l.Contains("LAST EVENT", StringComparison.Ordinal));
        Assert.Contains(table.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Intent\s+default\s+one\s+3\s+\d{4}-\d\d-\d\d "));
        Assert.Contains(table.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Intent\s+other\s+two\s+1\s"));
        var rows = json.Lines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["Intent/default/one", "Intent/other/two"], rows.Select(r => (string)r["entity"]!));
        Assert.Equal([3L, 1L], rows.Select(r => (long)r["events"]!));
        Assert.InRange(DateTimeOffset.Parse((string)rows[0]["lastEvent"]!, System.Globalization.CultureInfo.InvariantCulture), started, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Show_prints_the_events_in_order_as_a_table_or_JSON_lines()
    {
        await WriteLog();

        var json = await KruiseActorsCli.Run("events", "show", "intent/default/one", "--journal", Journal, "--output", "json");
        var table = await KruiseActorsCli.Run("events", "show", "intents/default/one", "--journal", Journal);

        Assert.Equal(0, json.ExitCode);
        var events = json.Lines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal([1L, 2L, 3L], events.Select(e => (long)e["seq"]!));
        Assert.Equal(["test.create-requested", "test.create-confirmed", "test.create-requested"], events.Select(e => (string)e["event"]!));
        Assert.Equal(["a", "a", "b"], events.Select(e => (string)e["data"]!["name"]!));
        Assert.All(events, e => Assert.Equal("Intent/default/one", (string)e["entity"]!));
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(table.Lines, l => l.StartsWith("SEQ", StringComparison.Ordinal) && l.Contains("SUMMARY", StringComparison.Ordinal));
        Assert.Contains(table.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^3\s+\d{4}-\d\d-\d\d [\d:.]+\s+test\.create-requested\s+\{""name"":""b""\}"));
    }

    [Fact]
    public async Task Show_follows_new_events_while_the_entity_keeps_writing()
    {
        await WriteLog();
        await using var follow = KruiseActorsCli.Start("events", "show", "intent/other/two", "--journal", Journal, "--output", "json", "--follow");
        await Eventually.True(() => follow.Lines.Count == 1, "the existing event is printed", seconds: 60);

        var two = Entity("other", "two");
        Want(two, "y", complete: true);

        await Eventually.True(() => follow.Lines.Count == 3, "the new events are printed", seconds: 60);
        Assert.Equal([1L, 2L, 3L], follow.Lines.Select(l => (long)JsonNode.Parse(l)!["seq"]!));
    }

    [Fact]
    public async Task Unknown_entities_and_missing_journals_are_clear_errors()
    {
        await WriteLog();

        var unknown = await KruiseActorsCli.Run("events", "show", "cloneset/default/nope", "--journal", Journal);
        var missing = await KruiseActorsCli.Run("events", "list", "--data", Path.Combine(_journal.Path, "nowhere"));
        var malformed = await KruiseActorsCli.Run("events", "show", "just-a-name", "--journal", Journal);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no events for cloneset/default/nope", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no journal at", missing.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, malformed.ExitCode);
        Assert.Contains("KIND/NAMESPACE/NAME", malformed.Stdout + malformed.Stderr, StringComparison.Ordinal);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        _journal.Dispose();
    }
}
