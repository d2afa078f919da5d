using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// RFC 7386 JSON Merge Patch (application/merge-patch+json): objects merge recursively, null
/// deletes a member, anything else (arrays included) replaces. Used for custom resources and by
/// kubectl label/scale.
/// </summary>
public static class MergePatch
{
    /// <summary>Returns the patched copy of the target (null or absent target is treated as nothing); the inputs are never changed.</summary>
    public static JsonNode Apply(JsonNode? target, JsonNode patch)
    {
        if (patch is null)
        {
            throw PatchErrors.BadRequest("a merge patch must be a JSON document, got null");
        }
        return Merge(target?.DeepClone(), patch);
    }

    // `owned` is already a private copy, so it may be changed in place.
    private static JsonNode Merge(JsonNode? owned, JsonNode patch)
    {
        if (patch is not JsonObject members)
        {
            return patch.DeepClone();
        }
        var result = owned as JsonObject ?? [];
        foreach (var (name, value) in members)
        {
            if (JsonEquality.IsNull(value))
            {
                result.Remove(name);
            }
            else if (result.TryGetPropertyValue(name, out var current) && current is JsonObject currentObject && value is JsonObject)
            {
                // Merged in place: re-assigning a node to the property that already holds it would throw.
                Merge(currentObject, value);
            }
            else
            {
                result[name] = Merge(null, value);
            }
        }
        return result;
    }
}
