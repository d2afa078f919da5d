using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Patching;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Chooses the patch algorithm from the request's Content-Type.</summary>
public static class Patches
{
    public static Func<JsonObject, JsonObject> For(string? contentType, ResourceType type, JsonNode patch)
    {
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        Func<JsonObject, JsonNode> apply = media switch
        {
            "application/json-patch+json" => current => JsonPatch.Apply(current, patch),
            "application/merge-patch+json" => current => MergePatch.Apply(current, patch),
            "application/strategic-merge-patch+json" when type.IsCustom =>
                throw ApiException.UnsupportedMediaType(StrategicMergeSchema.UnsupportedMessage),
            "application/strategic-merge-patch+json" => current => StrategicMergePatch.Apply(current, patch, StrategicMergeSchema.For(type.Group, type.Kind)),
            "application/apply-patch+yaml" =>
                throw ApiException.UnsupportedMediaType("server-side apply is not supported by the embedded cluster; use client-side `kubectl apply`"),
            _ => throw ApiException.UnsupportedMediaType(
                $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {contentType})"),
        };
        return current => apply(current) as JsonObject ?? throw ApiException.BadRequest("the patch did not produce a JSON object");
    }
}
