using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;
using Kruise.Actors.LocalCluster.Tables;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Server-side Table output for `kubectl get` (meta.k8s.io/v1 Table), built-in printers or a CRD's printer columns.</summary>
public sealed class TableOutput(TimeProvider clock)
{
    public JsonObject Render(ResourceType type, IReadOnlyList<StoredObject> items, long resourceVersion, HttpRequest request, bool includeDefinitions, string? continueToken)
    {
        var printer = type.IsCustom ? TablePrinters.ForCustomResource(type.PrinterColumns) : TablePrinters.ForBuiltIn(type.Group, type.Kind);
        var options = new TableOptions(
            clock.GetUtcNow(),
            TableOptions.ParseIncludeObject(request.Query["includeObject"].FirstOrDefault()),
            includeDefinitions,
            resourceVersion.ToString(CultureInfo.InvariantCulture),
            continueToken);
        return TableRenderer.Render(printer, items.Select(i => i.Object), options);
    }
}
