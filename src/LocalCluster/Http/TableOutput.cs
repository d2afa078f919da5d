using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Server-side Table output for `kubectl get` (meta.k8s.io/v1 Table).</summary>
public sealed class TableOutput(TimeProvider clock)
{
    public JsonObject Render(ResourceType type, IReadOnlyList<StoredObject> items, long resourceVersion, HttpRequest request, bool includeDefinitions, string? continueToken)
    {
        _ = request;
        var now = clock.GetUtcNow();
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (continueToken is not null)
            metadata["continue"] = continueToken;
        var table = new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata };
        if (includeDefinitions)
            table["columnDefinitions"] = new JsonArray(
                new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = "Name of the object", ["priority"] = 0 },
                new JsonObject { ["name"] = "Age", ["type"] = "string", ["format"] = "", ["description"] = "Time since creation", ["priority"] = 0 });
        table["rows"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
        {
            ["cells"] = new JsonArray(i.Name, Age(ObjectMeta.ParseTimestamp(i.Metadata?["creationTimestamp"]), now)),
            ["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = i.Metadata?.DeepClone() },
        }).ToArray());
        _ = type;
        return table;
    }

    private static string Age(DateTimeOffset? created, DateTimeOffset now) =>
        created is null ? "<unknown>" : $"{(int)Math.Max(0, (now - created.Value).TotalSeconds)}s";
}
