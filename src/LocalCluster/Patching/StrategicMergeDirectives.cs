using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>The $-prefixed keys of a strategic merge patch, and the directives that act on one object.</summary>
internal static class StrategicMergeDirectives
{
    public const string PatchKey = "$patch";
    public const string RetainKeysKey = "$retainKeys";
    public const string SetElementOrderPrefix = "$setElementOrder";
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";

    /// <summary>The object's $patch value (delete, replace, merge), or null when it has none.</summary>
    public static string? PatchDirective(JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(PatchKey, out var directive))
        {
            return null;
        }
        return directive is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw PatchErrors.BadRequest($"unknown patch type: {PatchErrors.Show(directive)} in map: {PatchErrors.Show(patch)}");
    }

    /// <summary>"$setElementOrder/containers" names "containers"; a prefix without "/" is a malformed patch (400 as in the apiserver).</summary>
    public static string FieldOf(string key, string prefix)
    {
        if (key.Length > prefix.Length && key[prefix.Length] == '/')
        {
            return key[(prefix.Length + 1)..];
        }
        throw PatchErrors.BadRequest(prefix == SetElementOrderPrefix
            ? $"invalid patch format of setElementOrder list: \"{key}\""
            : $"invalid patch format of primitive list: \"{key}\"");
    }

    /// <summary>
    /// $retainKeys lists the fields the object keeps: others are cleared before merging. Every
    /// field the patch sets must be listed (a malformed patch otherwise: 400 as in the apiserver).
    /// </summary>
    public static void ApplyRetainKeys(JsonObject result, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysKey, out var directive))
        {
            return;
        }
        if (directive is not JsonArray names)
        {
            throw PatchErrors.BadRequest($"invalid patch format of retainKeys: $retainKeys must be a list, got {PatchErrors.Show(directive)}");
        }
        var keep = names
            .Select(n => n is JsonValue value && value.TryGetValue<string>(out var text) ? text : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (!JsonEquality.IsNull(value) && !key.StartsWith('$') && !keep.Contains(key))
            {
                throw PatchErrors.BadRequest($"invalid patch format of retainKeys: \"{key}\" is patched but not listed in $retainKeys");
            }
        }
        foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
        {
            result.Remove(key);
        }
    }

    /// <summary>$deleteFromPrimitiveList/FIELD removes every occurrence of the listed values from the list FIELD.</summary>
    public static void DeleteFromPrimitiveList(JsonObject result, string field, JsonNode? values)
    {
        if (values is not JsonArray toDelete)
        {
            throw PatchErrors.BadRequest($"invalid patch format of primitive list: $deleteFromPrimitiveList/{field} must be a list, got {PatchErrors.Show(values)}");
        }
        if (!result.TryGetPropertyValue(field, out var current) || current is not JsonArray list)
        {
            return;
        }
        var kept = new JsonArray();
        foreach (var item in list)
        {
            if (!toDelete.Any(d => JsonEquality.Equal(d, item)))
            {
                kept.Add(item?.DeepClone());
            }
        }
        result[field] = kept;
    }
}
