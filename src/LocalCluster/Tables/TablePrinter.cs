using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// The columns of one kind and how to fill a row from an object (the API server always prints
/// wide rows: every column, priority 1 included; kubectl hides the wide ones). Conditions are
/// the optional row conditions (pods mark finished rows Completed).
/// </summary>
public sealed class TablePrinter(
    IReadOnlyList<TableColumn> columns,
    Func<JsonObject, DateTimeOffset, JsonNode?[]> cells,
    Func<JsonObject, JsonArray?>? conditions = null)
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    /// <summary>One cell per column, in column order.</summary>
    public JsonArray Cells(JsonObject obj, DateTimeOffset now)
    {
        var row = cells(obj, now);
        if (row.Length != Columns.Count)
            throw new InvalidOperationException($"printer produced {row.Length} cells for {Columns.Count} columns");
        return [.. row];
    }

    public JsonArray? Conditions(JsonObject obj) => conditions?.Invoke(obj);
}
