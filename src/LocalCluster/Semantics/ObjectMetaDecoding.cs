using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// The checks Go's JSON decoding makes before the apiserver looks at an object: apiVersion and
/// kind must be strings (for every kind), and a custom resource's metadata must decode as an
/// ObjectMeta (built-in kinds get that from decoding the whole object). Failures are 400 with
/// the decoder's wording, never a crash further in.
/// </summary>
internal static class ObjectMetaDecoding
{
    private static readonly string[] StringFields = ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp"];
    private static readonly string[] IntegerFields = ["generation", "deletionGracePeriodSeconds"];
    private static readonly string[] OwnerStringFields = ["apiVersion", "kind", "name", "uid"];
    private static readonly string[] OwnerBoolFields = ["controller", "blockOwnerDeletion"];

    public static void CheckTypeMeta(string kind, JsonObject obj)
    {
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            if (Mismatch(obj[field], JsonValueKind.String) is { } found)
            {
                var text = obj.ToJsonString();
                var summary = text.Length > 30 ? text[..30] + " ..." : text;
                throw ApiException.BadRequest($"the object provided is unrecognized (must be of type {kind}): couldn't get version/kind; json parse error: json: cannot unmarshal {found} into Go struct field .{field} of type string ({summary})");
            }
        }
    }

    /// <summary>The reason a custom resource's metadata does not decode as an ObjectMeta, or null when it does.</summary>
    public static string? MetadataError(JsonNode? metadata)
    {
        if (metadata is null)
            return null;
        if (metadata is not JsonObject meta)
            return Unmarshal(metadata, "ObjectMeta", "v1.ObjectMeta", value: true);
        foreach (var field in StringFields)
        {
            if (Mismatch(meta[field], JsonValueKind.String) is not null)
                return Unmarshal(meta[field], "ObjectMeta." + field, "string");
        }
        foreach (var field in IntegerFields)
        {
            if (meta[field] is { } number && JsonRead.AsNumber(number)?.Integer is null)
                return Unmarshal(meta[field], "ObjectMeta." + field, "int64");
        }
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (meta[field] is null)
                continue;
            if (meta[field] is not JsonObject map)
                return Unmarshal(meta[field], "ObjectMeta." + field, "map[string]string");
            if (map.FirstOrDefault(p => Mismatch(p.Value, JsonValueKind.String) is not null) is { Key: not null } bad)
                return Unmarshal(bad.Value, "ObjectMeta." + field, "string");
        }
        if (meta["finalizers"] is { } finalizers)
        {
            if (finalizers is not JsonArray list)
                return Unmarshal(finalizers, "ObjectMeta.finalizers", "[]string");
            if (list.FirstOrDefault(f => Mismatch(f, JsonValueKind.String) is not null) is { } bad)
                return Unmarshal(bad, "ObjectMeta.finalizers", "string");
        }
        return OwnerReferencesError(meta["ownerReferences"]) ?? ListOfObjectsError(meta["managedFields"], "managedFields", "ManagedFieldsEntry");
    }

    private static string? OwnerReferencesError(JsonNode? owners)
    {
        if (ListOfObjectsError(owners, "ownerReferences", "OwnerReference") is { } error)
            return error;
        foreach (var owner in (owners as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var field in OwnerStringFields)
            {
                if (Mismatch(owner[field], JsonValueKind.String) is not null)
                    return Unmarshal(owner[field], "OwnerReference.ownerReferences." + field, "string");
            }
            foreach (var field in OwnerBoolFields)
            {
                if (owner[field] is { } flag && flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                    return Unmarshal(flag, "OwnerReference.ownerReferences." + field, "bool");
            }
        }
        return null;
    }

    private static string? ListOfObjectsError(JsonNode? node, string field, string type)
    {
        if (node is null)
            return null;
        if (node is not JsonArray list)
            return Unmarshal(node, "ObjectMeta." + field, "[]v1." + type);
        return list.FirstOrDefault(i => i is not null and not JsonObject) is { } bad ? Unmarshal(bad, "ObjectMeta." + field, "v1." + type) : null;
    }

    /// <summary>Go's JSON name for the value's kind when it is neither null nor <paramref name="expected"/>.</summary>
    private static string? Mismatch(JsonNode? node, JsonValueKind expected)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        return kind == expected || kind == JsonValueKind.Null ? null : GoKind(kind);
    }

    /// <summary>How Go's JSON decoder names a value's kind in its errors.</summary>
    public static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    private static string Unmarshal(JsonNode? node, string field, string type, bool value = false)
    {
        var kind = GoKind(node?.GetValueKind() ?? JsonValueKind.Null);
        if (kind == "number" && type == "int64")
            kind = "number " + node!.ToJsonString();
        return value
            ? $"json: cannot unmarshal {kind} into Go value of type {type}"
            : $"json: cannot unmarshal {kind} into Go struct field {field} of type {type}";
    }
}
