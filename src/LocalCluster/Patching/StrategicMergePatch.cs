using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// Kubernetes strategic merge patch (application/strategic-merge-patch+json), applied the way the
/// apiserver does (k8s.io/apimachinery strategicpatch, StrategicMergeMapPatch): a JSON merge patch
/// whose lists follow the schema's patchStrategy/patchMergeKey, plus the directives $patch
/// (delete/replace/merge), $retainKeys, $setElementOrder/FIELD and $deleteFromPrimitiveList/FIELD.
/// Errors the apiserver classifies are 400 or 422 as there; the ones it passes through unclassified
/// (a 500 there: missing merge key, unknown $patch, mixed list element types) are 400 here, since
/// the patch is at fault.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>Returns the patched copy of the object; the inputs are never changed.</summary>
    public static JsonNode Apply(JsonNode original, JsonNode patch, StrategicMergeSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (original is not JsonObject originalObject)
        {
            throw PatchErrors.BadRequest($"invalid JSON document: a strategic merge patch applies to an object, got {PatchErrors.Show(original)}");
        }
        if (patch is not JsonObject patchObject)
        {
            throw PatchErrors.BadRequest($"invalid JSON document: a strategic merge patch must be an object, got {PatchErrors.Show(patch)}");
        }
        return MergeObject(originalObject, patchObject, schema);
    }

    /// <summary>
    /// Merges a patch object into a (possibly absent) original, building new nodes throughout.
    /// "$patch: delete" leaves an empty object, as the apiserver does for a map that exists.
    /// "$patch: merge" is the default spelled out; the apiserver refuses it, we accept it.
    /// </summary>
    internal static JsonObject MergeObject(JsonObject? original, JsonObject patch, StrategicMergeSchema schema) =>
        StrategicMergeDirectives.PatchDirective(patch) switch
        {
            null or "merge" => MergeFields(original, patch, schema),
            "replace" => MergeFields(null, patch, schema),
            "delete" => [],
            var other => throw PatchErrors.BadRequest($"unknown patch type: {other} in map: {PatchErrors.Show(patch)}"),
        };

    /// <summary>
    /// The value a patch value becomes where nothing (or a value of another JSON type) was: the
    /// patch with its directives and nulls stripped. False when it is a "$patch: delete" object,
    /// which then leaves no field at all.
    /// </summary>
    internal static bool TryCreate(JsonNode? patchValue, StrategicMergeSchema schema, out JsonNode? value)
    {
        value = null;
        switch (patchValue)
        {
            case JsonObject obj when StrategicMergeDirectives.PatchDirective(obj) == "delete":
                return false;
            case JsonObject obj:
                value = MergeObject(null, obj, schema);
                return true;
            case JsonArray array:
                value = CreateList(array, schema);
                return true;
            default:
                value = patchValue?.DeepClone();
                return true;
        }
    }

    /// <summary>A list taken whole from the patch; elements that are directives ($patch) are not data and go.</summary>
    internal static JsonArray CreateList(JsonArray patch, StrategicMergeSchema elementSchema)
    {
        var list = new JsonArray();
        foreach (var element in patch)
        {
            if (element is JsonObject obj && obj.ContainsKey(StrategicMergeDirectives.PatchKey))
            {
                continue;
            }
            if (TryCreate(element, elementSchema, out var value))
            {
                list.Add(value);
            }
        }
        return list;
    }

    private static JsonObject MergeFields(JsonObject? original, JsonObject patch, StrategicMergeSchema schema)
    {
        var result = new JsonObject();
        foreach (var (name, value) in original ?? [])
        {
            result[name] = value?.DeepClone();
        }
        StrategicMergeDirectives.ApplyRetainKeys(result, patch);

        // Ordering and primitive deletions run after the fields merge, as in the apiserver: the
        // order list arranges the merged list, then deletions drop items from it.
        var orders = new List<(string Field, JsonNode? Order)>();
        var deletions = new List<(string Field, JsonNode? Values)>();
        foreach (var (key, value) in patch)
        {
            if (key is StrategicMergeDirectives.PatchKey or StrategicMergeDirectives.RetainKeysKey)
            {
                continue;
            }
            if (key.StartsWith(StrategicMergeDirectives.SetElementOrderPrefix, StringComparison.Ordinal))
            {
                orders.Add((StrategicMergeDirectives.FieldOf(key, StrategicMergeDirectives.SetElementOrderPrefix), value));
            }
            else if (key.StartsWith(StrategicMergeDirectives.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                deletions.Add((StrategicMergeDirectives.FieldOf(key, StrategicMergeDirectives.DeleteFromPrimitiveListPrefix), value));
            }
            else
            {
                MergeField(result, key, value, schema);
            }
        }
        foreach (var (field, order) in orders)
        {
            StrategicListOrder.ApplySetElementOrder(result, field, order, original?[field] as JsonArray, patch[field] as JsonArray, schema.Field(field));
        }
        foreach (var (field, values) in deletions)
        {
            StrategicMergeDirectives.DeleteFromPrimitiveList(result, field, values);
        }
        return result;
    }

    private static void MergeField(JsonObject result, string name, JsonNode? patchValue, StrategicMergeSchema schema)
    {
        if (JsonEquality.IsNull(patchValue))
        {
            result.Remove(name);
            return;
        }
        var field = schema.Field(name);
        var child = schema.Child(name);
        result.TryGetPropertyValue(name, out var current);
        switch (current, patchValue)
        {
            case (JsonObject currentObject, JsonObject patchObject) when field?.Strategy != PatchStrategy.Replace:
                result[name] = MergeObject(currentObject, patchObject, child);
                break;
            case (JsonArray currentList, JsonArray patchList) when field?.Strategy == PatchStrategy.Merge:
                result[name] = StrategicListMerge.Merge(currentList, patchList, field.MergeKey, child, name);
                break;
            default:
                // Absent, another JSON type, or a field whose strategy replaces: the patch value wins.
                if (TryCreate(patchValue, child, out var value))
                {
                    result[name] = value;
                }
                else
                {
                    result.Remove(name);
                }
                break;
        }
    }
}
