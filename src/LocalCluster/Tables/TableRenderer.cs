using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// Builds the meta.k8s.io/v1 Table a client asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c> (what kubectl get shows).
/// </summary>
public static class TableRenderer
{
    /// <summary>A Table of objects of one kind (one object for a GET or a watch event).</summary>
    public static JsonObject Render(TablePrinter printer, IEnumerable<JsonObject> objects, TableOptions options)
    {
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(options.ResourceVersion))
            metadata["resourceVersion"] = options.ResourceVersion;
        if (!string.IsNullOrEmpty(options.Continue))
            metadata["continue"] = options.Continue;
        if (options.RemainingItemCount is { } remaining)
            metadata["remainingItemCount"] = remaining;

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = printer.Cells(obj, options.Now) };
            if (printer.Conditions(obj) is { } conditions)
                row["conditions"] = conditions;
            row["object"] = RowObject(obj, options.IncludeObject);
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            // Null rather than absent when left out, as the API server encodes it.
            ["columnDefinitions"] = options.IncludeColumnDefinitions ? new JsonArray([.. printer.Columns.Select(c => c.ToJson())]) : null,
            ["rows"] = rows,
        };
    }

    private static JsonObject? RowObject(JsonObject obj, IncludeObject include) => include switch
    {
        IncludeObject.None => null,
        IncludeObject.Object => (JsonObject)obj.DeepClone(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
        },
    };
}
