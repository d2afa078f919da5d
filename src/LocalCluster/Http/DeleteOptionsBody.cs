using System.Text.Json;
using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.Semantics.ObjectMetaDecoding;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>
/// A DeleteOptions body must decode as one: each field of its Go type. (The apiserver answers a
/// body that does not decode with a bare 500; a 400 naming the field serves clients better.)
/// </summary>
internal static class DeleteOptionsBody
{
    private static readonly (string Field, JsonValueKind Kind, string GoType)[] Fields =
    [
        ("propagationPolicy", JsonValueKind.String, "v1.DeletionPropagation"),
        ("gracePeriodSeconds", JsonValueKind.Number, "int64"),
        ("orphanDependents", JsonValueKind.True, "bool"),
        ("dryRun", JsonValueKind.Array, "[]string"),
        ("preconditions", JsonValueKind.Object, "v1.Preconditions"),
    ];

    public static void Check(JsonObject? body)
    {
        if (body is null)
            return;
        foreach (var (field, kind, goType) in Fields)
        {
            var found = body[field]?.GetValueKind() ?? JsonValueKind.Null;
            var fits = found == JsonValueKind.Null || found == kind || (kind == JsonValueKind.True && found == JsonValueKind.False)
                || (kind == JsonValueKind.Number && JsonRead.AsNumber(body[field])?.Integer is not null);
            if (found == JsonValueKind.Number && kind == JsonValueKind.Number && !fits)
                throw Error("number " + body[field]!.ToJsonString(), "DeleteOptions." + field, goType);
            if (!fits)
                throw Error(GoKind(found), "DeleteOptions." + field, goType);
        }
        foreach (var item in body["dryRun"] as JsonArray ?? [])
        {
            if (item is not null && item.GetValueKind() != JsonValueKind.String)
                throw Error(GoKind(item.GetValueKind()), "DeleteOptions.dryRun", "string");
        }
        foreach (var field in new[] { "uid", "resourceVersion" })
        {
            var value = body["preconditions"]?[field];
            if (value is not null && value.GetValueKind() != JsonValueKind.String)
                throw Error(GoKind(value.GetValueKind()), "Preconditions.preconditions." + field, "string");
        }
    }

    private static ApiException Error(string found, string field, string goType) =>
        ApiException.BadRequest($"json: cannot unmarshal {found} into Go struct field {field} of type {goType}");
}
