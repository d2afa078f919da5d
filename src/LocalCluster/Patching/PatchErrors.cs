using System.Net;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// The refusals the patch helpers raise. Codes follow the apiserver (k8s.io/apiserver
/// endpoints/handlers/patch.go): an undecodable patch is 400, a patch that decodes but cannot be
/// applied is 422 Invalid, more than 10000 JSON patch operations is 413.
/// </summary>
internal static class PatchErrors
{
    public static ApiException BadRequest(string message) => ApiException.BadRequest(message);

    public static ApiException Invalid(string message) => new(HttpStatusCode.UnprocessableEntity, "Invalid", message);

    public static ApiException TooLarge(string message) => new(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge", message);

    /// <summary>A short JSON rendering for messages, so a huge object does not flood the Status.</summary>
    public static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "...");
    }
}
