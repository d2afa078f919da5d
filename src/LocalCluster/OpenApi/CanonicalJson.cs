using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// Documents in one canonical form (object keys in ordinal order, compact), so the same content always
/// serializes to the same bytes and its hash only changes when the content does; kubectl caches by it.
/// </summary>
public static class CanonicalJson
{
    /// <summary>A copy of the node with every object's keys sorted.</summary>
    public static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => SortedObject(obj),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    public static JsonObject Sorted(JsonObject obj) => SortedObject(obj);

    /// <summary>The hash Kubernetes uses in serverRelativeURL: SHA-512 of the document's bytes, upper-case hex.</summary>
    public static string Hash(JsonNode document) =>
        Convert.ToHexString(SHA512.HashData(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString())));

    private static JsonObject SortedObject(JsonObject obj)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
            sorted[key] = Sorted(value);
        return sorted;
    }
}
