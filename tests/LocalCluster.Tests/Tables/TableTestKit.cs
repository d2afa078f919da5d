using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tables;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

/// <summary>Renders objects the way the API server answers kubectl get, and reads the cells back as plain values.</summary>
internal static class TableTestKit
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An RFC 3339 timestamp the given time before Now.</summary>
    public static string Ago(TimeSpan age) => (Now - age).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    public static JsonObject Table(TablePrinter printer, params JsonObject[] objects) =>
        TableRenderer.Render(printer, objects, new TableOptions(Now));

    /// <summary>The single row's cells as strings (numbers and bools as their JSON text, null as null).</summary>
    public static List<string?> Cells(TablePrinter printer, JsonObject obj) =>
        [.. Table(printer, obj)["rows"]![0]!["cells"]!.AsArray().Select(c => c is null ? null : c is JsonValue v && v.TryGetValue<string>(out var s) ? s : c.ToJsonString())];

    /// <summary>Column names with their priority, "Name" or "IP*" for a wide (priority 1) column.</summary>
    public static List<string> Columns(TablePrinter printer) =>
        [.. printer.Columns.Select(c => c.Priority > 0 ? c.Name + "*" : c.Name)];
}
