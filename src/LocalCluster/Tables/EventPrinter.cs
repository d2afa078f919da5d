using System.Globalization;
using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// core/v1 Events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide adding SUBOBJECT SOURCE (between
/// OBJECT and MESSAGE) and FIRST SEEN COUNT NAME. Times fall back to eventTime and the series
/// the way the API server's printEvent does.
/// </summary>
internal static class EventPrinter
{
    public static TablePrinter Printer { get; } = new(
    [
        new("Last Seen", Description: "The time at which the most recent occurrence of this event was recorded."),
        new("Type", Description: "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", Description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", Description: "The object that this event is about."),
        TableColumn.Wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
        TableColumn.Wide("Source", "The component reporting this event. Should be a short machine understandable string."),
        new("Message", Description: "A human-readable description of the status of this operation."),
        TableColumn.Wide("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
        TableColumn.Wide("Count", "The number of times this event has occurred."),
        new("Name", Format: "name", Description: TableColumn.NameDescription, Priority: 1),
    ], Cells);

    private static JsonNode?[] Cells(JsonObject ev, DateTimeOffset now)
    {
        var firstSeen = Timestamps.Parse(At(ev, "firstTimestamp")) ?? Timestamps.Parse(At(ev, "eventTime"));
        var lastSeen = Timestamps.Parse(At(ev, "lastTimestamp")) ?? firstSeen;
        var count = Int(ev, "count");
        if (At(ev, "series") is JsonObject series)
        {
            lastSeen = Timestamps.Parse(At(series, "lastObservedTime"));
            count = Int(series, "count");
        }
        else if (count == 0)
        {
            // Singleton events of the events.k8s.io API carry no count.
            count = 1;
        }
        var kind = Str(ev, "involvedObject", "kind").ToLower(CultureInfo.InvariantCulture);
        var name = Str(ev, "involvedObject", "name");
        return
        [
            Timestamps.Since(now, lastSeen),
            Str(ev, "type"),
            Str(ev, "reason"),
            name.Length > 0 ? $"{kind}/{name}" : kind,
            Str(ev, "involvedObject", "fieldPath"),
            Source(ev),
            Str(ev, "message").Trim(),
            Timestamps.Since(now, firstSeen),
            count,
            Str(ev, "metadata", "name"),
        ];
    }

    // "component, host", each falling back to the reporting controller and instance.
    private static string Source(JsonObject ev)
    {
        var component = Str(ev, "source", "component") is { Length: > 0 } c ? c : Str(ev, "reportingComponent");
        var instance = Str(ev, "source", "host") is { Length: > 0 } h ? h : Str(ev, "reportingInstance");
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }
}
