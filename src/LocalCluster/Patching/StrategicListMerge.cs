using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// Merges a list whose field has patchStrategy merge: primitives are unioned (finalizers,
/// podCIDRs), objects are matched by merge key and merged, with "$patch: delete" elements removing
/// by key and a "$patch: replace" element making the patch's elements the whole list.
/// </summary>
internal static class StrategicListMerge
{
    public static JsonArray Merge(JsonArray original, JsonArray patch, string? mergeKey, StrategicMergeSchema elementSchema, string field)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return [];
        }
        return ElementKind(original, patch, field) == JsonValueKind.Object
            ? MergeObjects(original, patch, mergeKey ?? throw PatchErrors.BadRequest($"cannot merge lists without merge key for {field}"), elementSchema)
            : MergePrimitives(original, patch);
    }

    /// <summary>The value of the element's merge key; every patch element must carry it.</summary>
    public static JsonNode Key(JsonNode? element, string mergeKey) =>
        element is JsonObject obj && obj.TryGetPropertyValue(mergeKey, out var key) && !JsonEquality.IsNull(key)
            ? key
            : throw PatchErrors.BadRequest($"map: {PatchErrors.Show(element)} does not contain declared merge key: {mergeKey}");

    public static bool HasKey(JsonNode? element, string mergeKey, JsonNode key) =>
        element is JsonObject obj && obj.TryGetPropertyValue(mergeKey, out var value) && JsonEquality.Equal(value, key);

    // Duplicates collapse (the apiserver dedupes the union); first occurrences give the positions.
    private static JsonArray MergePrimitives(JsonArray original, JsonArray patch)
    {
        var entries = new List<StrategicListOrder.Entry>();
        for (var i = 0; i < original.Count; i++)
        {
            if (!entries.Exists(e => JsonEquality.Equal(e.Node, original[i])))
            {
                entries.Add(new(original[i]?.DeepClone(), i, -1));
            }
        }
        for (var j = 0; j < patch.Count; j++)
        {
            var index = entries.FindIndex(e => JsonEquality.Equal(e.Node, patch[j]));
            if (index < 0)
            {
                entries.Add(new(patch[j]?.DeepClone(), -1, j));
            }
            else if (entries[index].PatchIndex < 0)
            {
                entries[index] = entries[index] with { PatchIndex = j };
            }
        }
        return StrategicListOrder.Arrange(entries);
    }

    private static JsonArray MergeObjects(JsonArray original, JsonArray patch, string mergeKey, StrategicMergeSchema elementSchema)
    {
        var entries = original.Select((node, i) => new StrategicListOrder.Entry(node?.DeepClone(), i, -1)).ToList();
        var elements = new List<JsonObject>();
        var replace = false;
        foreach (var element in patch.OfType<JsonObject>())
        {
            switch (StrategicMergeDirectives.PatchDirective(element))
            {
                case null:
                    elements.Add(element);
                    break;
                case "delete":
                    var key = Key(element, mergeKey);
                    entries.RemoveAll(e => HasKey(e.Node, mergeKey, key));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw PatchErrors.BadRequest("merging lists cannot yet be specified in the patch");
                case var other:
                    throw PatchErrors.BadRequest($"unknown patch type: {other} in map: {PatchErrors.Show(element)}");
            }
        }
        if (replace)
        {
            return [.. elements.Select(e => StrategicMergePatch.MergeObject(null, e, elementSchema))];
        }
        for (var j = 0; j < elements.Count; j++)
        {
            var key = Key(elements[j], mergeKey);
            var index = entries.FindIndex(e => HasKey(e.Node, mergeKey, key));
            if (index < 0)
            {
                entries.Add(new(StrategicMergePatch.MergeObject(null, elements[j], elementSchema), -1, j));
                continue;
            }
            var entry = entries[index];
            entries[index] = entry with
            {
                Node = StrategicMergePatch.MergeObject((JsonObject)entry.Node!, elements[j], elementSchema),
                PatchIndex = entry.PatchIndex < 0 ? j : entry.PatchIndex,
            };
        }
        return StrategicListOrder.Arrange(entries);
    }

    /// <summary>
    /// All elements of both lists must be of one JSON type (true and false count as one). Lists of
    /// lists are 422 and mixed types 400, as the apiserver classifies them.
    /// </summary>
    private static JsonValueKind ElementKind(JsonArray original, JsonArray patch, string field)
    {
        JsonValueKind? kind = null;
        foreach (var element in original.Concat(patch))
        {
            var current = JsonEquality.IsNull(element) ? JsonValueKind.Null : element.GetValueKind();
            current = current == JsonValueKind.False ? JsonValueKind.True : current;
            if (current == JsonValueKind.Array)
            {
                throw PatchErrors.Invalid($"lists of lists are not supported: {field}");
            }
            if (kind is not null && kind != current)
            {
                throw PatchErrors.BadRequest($"list element types are not identical in {field}: {kind} and {current}");
            }
            kind = current;
        }
        return kind ?? JsonValueKind.Null;
    }
}
