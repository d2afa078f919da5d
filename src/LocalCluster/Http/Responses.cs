using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Writing JSON bodies and Kubernetes Status errors.</summary>
public static class Responses
{
    public const string Json = "application/json";

    public static async Task WriteJson(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteBytes(HttpContext context, byte[] body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static JsonObject Status(ApiException error, string? kind = null, string? name = null, string? group = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = error.Message,
            ["reason"] = error.Reason,
            ["code"] = (int)error.Code,
        };
        var details = new JsonObject();
        name ??= error.Details?.Name;
        group ??= error.Details?.Group;
        kind ??= error.Details?.Kind;
        if (!string.IsNullOrEmpty(name))
            details["name"] = name;
        if (!string.IsNullOrEmpty(group))
            details["group"] = group;
        if (kind is not null)
            details["kind"] = kind;
        if (error.Causes.Count > 0)
            details["causes"] = new JsonArray(error.Causes.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["field"] = c.Field,
            }).ToArray());
        if (details.Count > 0)
            status["details"] = details;
        return status;
    }

    public static Task WriteError(HttpContext context, ApiException error, string? kind = null, string? name = null, string? group = null) =>
        WriteJson(context, Status(error, kind, name, group), (int)error.Code);

    public static JsonObject Success(string kind, string name, string? group, string? uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group ?? "", ["kind"] = kind, ["uid"] = uid },
    };

    public static ApiException MethodNotAllowed(string method) =>
        new(System.Net.HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");
}
