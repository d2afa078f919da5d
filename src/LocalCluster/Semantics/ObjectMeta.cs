using System.Globalization;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>Reading and writing the metadata fields the server manages on JSON objects.</summary>
public static class ObjectMeta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
            return metadata;
        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string? Name(JsonObject obj) => JsonRead.AsString(JsonRead.At(obj, "metadata", "name"));

    public static string? Namespace(JsonObject obj) => JsonRead.AsString(JsonRead.At(obj, "metadata", "namespace"));

    public static string? Uid(JsonObject obj) => JsonRead.AsString(JsonRead.At(obj, "metadata", "uid"));

    public static bool IsDeleting(JsonObject obj) => (obj["metadata"] as JsonObject)?["deletionTimestamp"] is not null;

    public static List<string> Finalizers(JsonObject obj) =>
        JsonRead.Strings(obj, "metadata", "finalizers").ToList();

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var metadata = Metadata(obj);
        if (finalizers.Count == 0)
            metadata.Remove("finalizers");
        else
            metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
    }

    public static IEnumerable<JsonObject> OwnerReferences(JsonObject obj) =>
        ((obj["metadata"] as JsonObject)?["ownerReferences"] as JsonArray)?.OfType<JsonObject>() ?? [];

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTimestamp(JsonNode? node) =>
        DateTimeOffset.TryParse((string?)node, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>Everything but metadata, and status too when status is a subresource: what bumps generation.</summary>
    public static bool SpecChanged(JsonObject before, JsonObject after, bool ignoreStatus)
    {
        var keys = before.Select(p => p.Key).Union(after.Select(p => p.Key))
            .Where(k => k is not ("metadata" or "apiVersion" or "kind") && !(ignoreStatus && k == "status"));
        return keys.Any(k => !JsonNode.DeepEquals(before[k], after[k]));
    }
}
