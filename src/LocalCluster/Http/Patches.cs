using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Chooses the patch algorithm from the request's Content-Type.</summary>
public static class Patches
{
    public static Func<JsonObject, JsonObject> For(string? contentType, ResourceType type, JsonNode patch)
    {
        _ = type;
        _ = patch;
        throw ApiException.UnsupportedMediaType($"the patch type {contentType} is not supported yet");
    }
}
