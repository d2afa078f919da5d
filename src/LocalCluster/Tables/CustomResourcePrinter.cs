using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// Custom resources: NAME then the CRD version's additionalPrinterColumns, filled like the
/// apiextensions table convertor. Only the first JSONPath match is used (so a <c>[*]</c> column
/// shows its first element, as on a real cluster); a missing value is a null cell, which kubectl
/// prints as &lt;none&gt;. Without printer columns the CRD serves a single AGE column.
/// </summary>
internal static class CustomResourcePrinter
{
    public static TablePrinter Create(IEnumerable<V1CustomResourceColumnDefinition>? definitions)
    {
        var list = definitions?.ToList() ?? [];
        if (list.Count == 0)
            list = [new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp", Description = TableColumn.CreationTimestampDescription }];
        var columns = new List<TableColumn> { TableColumn.NameColumn };
        columns.AddRange(list.Select(d => new TableColumn(d.Name, d.Type, d.Format ?? "",
            string.IsNullOrEmpty(d.Description) ? "Custom resource definition column (in JSONPath format): " + d.JsonPath : d.Description,
            d.Priority ?? 0)));
        var paths = list.Select(d => (d.Type, Query: JsonPathQuery.TryParse(d.JsonPath ?? ""))).ToList();
        return new TablePrinter(columns, (obj, now) =>
        [
            JsonRead.Str(obj, "metadata", "name"),
            .. paths.Select(p => p.Query?.Evaluate(obj) is [{ } value, ..] ? Cell(p.Type, value, now) : null),
        ]);
    }

    private static JsonNode? Cell(string type, JsonNode value, DateTimeOffset now)
    {
        var kind = value.GetValueKind();
        return (type, kind) switch
        {
            ("string", JsonValueKind.String) => JsonRead.AsString(value),
            // A non-string value in a string column prints as jsonpath prints it: scalars as text, the rest as JSON.
            ("string", JsonValueKind.Number) => value.ToJsonString(),
            ("string", JsonValueKind.True or JsonValueKind.False) => kind == JsonValueKind.True ? "true" : "false",
            ("string", JsonValueKind.Object or JsonValueKind.Array) => SortedJson(value),
            ("integer", JsonValueKind.Number) => JsonRead.AsNumber(value) is { } n ? n.Integer ?? (long)n.Value : null,
            ("number", JsonValueKind.Number) => JsonRead.AsNumber(value)?.Value,
            ("boolean", JsonValueKind.True or JsonValueKind.False) => kind == JsonValueKind.True,
            ("date", JsonValueKind.String) => DateCell(JsonRead.AsString(value)!, now),
            _ => null,
        };
    }

    // metav1.Time's query-parameter form: "" and "null" are the zero time, anything but RFC 3339 is invalid.
    private static string DateCell(string text, DateTimeOffset now) =>
        text is "" or "null" ? "<unknown>"
        : Timestamps.TryParse(text, out var timestamp) ? Timestamps.Since(now, timestamp)
        : "<invalid>";

    // Go's json.Marshal of a decoded map writes keys sorted.
    private static string SortedJson(JsonNode node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
