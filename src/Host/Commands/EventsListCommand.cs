using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.Entities;
using Kruise.Actors.Journal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kruise.Actors.Host.Commands;

/// <summary>`kruise-actors events list`: every entity in the journal with its event count and last event time.</summary>
public sealed class EventsListCommand : AsyncCommand<JournalSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JournalSettings settings, CancellationToken cancellationToken)
    {
        var reader = new EventLogReader(settings.Target(), ControllerCatalog.CreateDefault().Events);
        IReadOnlyList<EntityLogSummary> entities;
        try
        {
            entities = await reader.ListEntities(cancellationToken);
        }
        catch (JournalUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"kruise-actors events list: {e.Message}");
            return 1;
        }

        if (settings.Output == "json")
        {
            foreach (var entity in entities)
            {
                Console.Out.WriteLine(new JsonObject
                {
                    ["entity"] = entity.Entity.ToString(),
                    ["events"] = entity.Events,
                    ["lastEvent"] = entity.LastEvent.ToString("O", CultureInfo.InvariantCulture),
                }.ToJsonString());
            }
            return 0;
        }
        if (entities.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"no entities in {reader.Target}");
            return 0;
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("KIND").AddColumn("NAMESPACE").AddColumn("NAME").AddColumn(new TableColumn("EVENTS").RightAligned()).AddColumn("LAST EVENT");
        var now = DateTimeOffset.UtcNow;
        foreach (var entity in entities)
        {
            table.AddRow(
                Markup.Escape(entity.Entity.Kind),
                Markup.Escape(entity.Entity.Namespace ?? ""),
                Markup.Escape(entity.Entity.Name),
                entity.Events.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{entity.LastEvent:yyyy-MM-dd HH:mm:ss}Z ({Age(now - entity.LastEvent)} ago)"));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>kubectl's short age: 45s, 3m, 2h, 5d.</summary>
    public static string Age(TimeSpan age) => age switch
    {
        { TotalSeconds: < 120 } => $"{Math.Max(0, (int)age.TotalSeconds)}s",
        { TotalMinutes: < 120 } => $"{(int)age.TotalMinutes}m",
        { TotalHours: < 48 } => $"{(int)age.TotalHours}h",
        _ => $"{(int)age.TotalDays}d",
    };
}
