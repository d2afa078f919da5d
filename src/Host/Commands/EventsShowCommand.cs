using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Kruise.Actors.Entities;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Journal;
using Kruise.Actors.Persistence;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.IpSlots;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>`kruise-actors events show KIND/NAMESPACE/NAME`: one entity's persisted events, in order.</summary>
public sealed class EventsShowCommand : AsyncCommand<EventsShowCommand.Settings>
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(1);

    public sealed class Settings : JournalSettings
    {
        [CommandArgument(0, "<KIND/NAMESPACE/NAME>")]
        [Description("The entity, with KIND as kubectl names it: cloneset/default/web, pod/default/web-x7k2p.")]
        public string Entity { get; init; } = "";

        [CommandOption("-f|--follow")]
        [Description("Keep printing new events as the controller persists them (Ctrl+C stops).")]
        public bool Follow { get; init; }

        public override ValidationResult Validate()
        {
            var parts = Entity.Split('/');
            if (parts.Length is not (2 or 3) || parts.Any(p => p.Length == 0))
                return ValidationResult.Error($"\"{Entity}\" is not KIND/NAMESPACE/NAME (or KIND/NAME for cluster-scoped kinds)");
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var catalog = ControllerCatalog.CreateDefault();
        var reader = new EventLogReader(settings.Target(), catalog.Events);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            var entity = await Resolve(reader, catalog, settings.Entity, stop.Token);
            if (entity is null && !settings.Follow)
            {
                await Console.Error.WriteLineAsync($"kruise-actors events show: no events for {settings.Entity} in {reader.Target}");
                return 1;
            }
            var after = 0L;
            var first = true;
            while (true)
            {
                if (entity is { } id)
                {
                    var events = await reader.Read(id, after, stop.Token);
                    if (events.Count > 0)
                        after = events[^1].SequenceNr;
                    Print(events, settings.Output, header: first);
                    first = first && events.Count == 0;
                }
                if (!settings.Follow)
                {
                    if (entity is { } shown && settings.Output != "json")
                        await PrintIpHistory(reader, shown, stop.Token);
                    return 0;
                }
                await Task.Delay(FollowInterval, stop.Token);
                entity ??= await Resolve(reader, catalog, settings.Entity, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (JournalUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"kruise-actors events show: {e.Message}");
            return 1;
        }
    }

    /// <summary>The journal's entity whose kind matches what the user typed, with the same namespace and name.</summary>
    private static async Task<EntityId?> Resolve(EventLogReader reader, ControllerCatalog catalog, string typed, CancellationToken cancellationToken)
    {
        var parts = typed.Split('/');
        var (kind, ns, name) = parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (parts[0], (string?)null, parts[1]);
        var entities = await reader.ListEntities(cancellationToken);
        return entities.Select(e => e.Entity)
            .Where(e => e.Namespace == ns && e.Name == name && KindNames.Matches(e.Kind, kind, catalog))
            .Select(e => (EntityId?)e)
            .FirstOrDefault();
    }

    // kruise-actors.io/retain-pod-ip: which pods held each IP in turn, read from the whole journal.
    private static async Task PrintIpHistory(EventLogReader reader, EntityId entity, CancellationToken cancellationToken)
    {
        var facts = new List<(DateTimeOffset, IpSlotFact)>();
        foreach (var entry in await reader.Read(entity, 0, cancellationToken))
        {
            if (entry.Manifest == IpSlotChanged.Manifest && entry.Event?.Deserialize<IpSlotChanged>(EventCodec.Json) is { } changed)
                facts.Add((entry.Time, changed.Fact));
        }
        var lines = IpSlotHistory.Lines(facts);
        if (lines.Count == 0)
            return;
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync("IP history (kruise-actors.io/retain-pod-ip), each IP's pods in turn (UTC):");
        foreach (var line in lines)
            await Console.Out.WriteLineAsync("  " + line);
    }

    private static void Print(IReadOnlyList<EventLogEntry> events, string output, bool header)
    {
        if (output == "json")
        {
            foreach (var entry in events)
                Console.Out.WriteLine(EventLogReader.ToJsonLine(entry));
            Console.Out.Flush();
            return;
        }
        if (events.Count == 0)
            return;
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("SEQ").RightAligned()).AddColumn("TIME").AddColumn("EVENT").AddColumn("SUMMARY");
        table.ShowHeaders = header;
        foreach (var entry in events)
        {
            table.AddRow(
                entry.SequenceNr.ToString(CultureInfo.InvariantCulture),
                entry.Time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Markup.Escape(entry.Manifest),
                Markup.Escape(entry.Summary));
        }
        AnsiConsole.Write(table);
    }
}
