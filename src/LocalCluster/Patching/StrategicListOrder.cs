using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// The order of a merged list, following the apiserver: items the patch names keep the patch's
/// order, items only the server has keep theirs, and the two runs interleave by server position;
/// a new item the server never had goes before the server-only items still waiting (so a
/// finalizer added without $setElementOrder lands first). $setElementOrder/FIELD, sent by
/// kubectl apply, gives the full order of the items it names.
/// </summary>
internal static class StrategicListOrder
{
    /// <summary>A merged item with its position in the server's list and in the patch's order, -1 where it has none.</summary>
    internal readonly record struct Entry(JsonNode? Node, int ServerIndex, int PatchIndex);

    public static JsonArray Arrange(IEnumerable<Entry> entries)
    {
        var all = entries.ToList();
        var patched = all.Where(e => e.PatchIndex >= 0).OrderBy(e => e.PatchIndex).ToList();
        var serverOnly = all.Where(e => e.PatchIndex < 0).OrderBy(e => e.ServerIndex).ToList();
        var result = new JsonArray();
        int s = 0, p = 0;
        while (s < serverOnly.Count || p < patched.Count)
        {
            var takeServer = p >= patched.Count
                || (s < serverOnly.Count && patched[p].ServerIndex >= 0 && serverOnly[s].ServerIndex < patched[p].ServerIndex);
            result.Add(takeServer ? serverOnly[s++].Node : patched[p++].Node);
        }
        return result;
    }

    /// <summary>
    /// Reorders the merged list FIELD by $setElementOrder/FIELD after checking that the patch list
    /// names its items in the same relative order (a mismatch is a malformed patch).
    /// </summary>
    public static void ApplySetElementOrder(JsonObject result, string field, JsonNode? order, JsonArray? original, JsonArray? patch, StrategicMergeField? meta)
    {
        if (order is not JsonArray orderList)
        {
            throw PatchErrors.BadRequest($"invalid patch format of setElementOrder list: $setElementOrder/{field} must be a list, got {PatchErrors.Show(order)}");
        }
        var mergeKey = meta?.MergeKey;
        var orderKeys = orderList.Select(item => mergeKey is null ? item : StrategicListMerge.Key(item, mergeKey)).ToList();
        CheckPatchFollowsOrder(field, patch, orderKeys, mergeKey);
        if (!result.TryGetPropertyValue(field, out var merged) || merged is not JsonArray list || list.Count == 0)
        {
            return;
        }
        if (mergeKey is null && list.Any(item => item is JsonObject))
        {
            throw PatchErrors.BadRequest($"$setElementOrder/{field} cannot order a list of objects without a merge key");
        }
        var originalKeys = original?.Select(item => KeyOf(item, mergeKey)).ToList() ?? [];
        result[field] = Arrange(list.Select(item =>
        {
            var key = KeyOf(item, mergeKey);
            return new Entry(item?.DeepClone(), IndexOf(originalKeys, key), IndexOf(orderKeys, key));
        }));
    }

    private static void CheckPatchFollowsOrder(string field, JsonArray? patch, List<JsonNode?> orderKeys, string? mergeKey)
    {
        var position = 0;
        foreach (var item in patch ?? [])
        {
            if (item is JsonObject obj && obj.ContainsKey(StrategicMergeDirectives.PatchKey))
            {
                continue;
            }
            var key = mergeKey is null ? item : StrategicListMerge.Key(item, mergeKey);
            while (position < orderKeys.Count && !JsonEquality.Equal(orderKeys[position], key))
            {
                position++;
            }
            if (position == orderKeys.Count)
            {
                throw PatchErrors.BadRequest($"the order in the patch list {field} doesn't match the $setElementOrder/{field} list: {PatchErrors.Show(key)} is missing or out of order");
            }
            position++;
        }
    }

    // A primitive is its own key; an object without its merge key has none and never matches.
    private static JsonNode? KeyOf(JsonNode? item, string? mergeKey) =>
        mergeKey is null ? item : (item as JsonObject)?[mergeKey];

    private static int IndexOf(List<JsonNode?> keys, JsonNode? key) =>
        JsonEquality.IsNull(key) ? -1 : keys.FindIndex(k => JsonEquality.Equal(k, key));
}
