using System.Net;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// A webhook could not be called or answered nonsense (the apiserver's ErrCallingWebhook): the
/// one failure that failurePolicy Ignore forgives.
/// </summary>
internal sealed class WebhookCallException(string webhook, string reason, Exception? inner = null)
    : Exception($"failed calling webhook \"{webhook}\": {reason}", inner)
{
    public string Webhook { get; } = webhook;
}

/// <summary>The Status errors webhook admission answers with, worded as the apiserver words them.</summary>
internal static class WebhookErrors
{
    /// <summary>failurePolicy Fail: the call failure becomes a 500.</summary>
    public static ApiException Internal(string message) =>
        new(HttpStatusCode.InternalServerError, "InternalError", $"Internal error occurred: {message}");

    public static ApiException DryRunUnsupported(string webhook) =>
        ApiException.BadRequest($"admission webhook \"{webhook}\" does not support dry run");

    /// <summary>
    /// A denial: the webhook's own status, with at least a 400 code and the message prefixed with
    /// which webhook denied the request (errors.ToStatusErr).
    /// </summary>
    public static ApiException Denied(string webhook, JsonObject? status)
    {
        var deniedBy = $"admission webhook \"{webhook}\" denied the request";
        var code = JsonRead.Int(status, "code");
        if (code < 400)
            code = 400;
        var message = JsonRead.Str(status, "message");
        var reason = JsonRead.Str(status, "reason");
        var text = message.Length > 0 ? $"{deniedBy}: {message}"
            : reason.Length > 0 ? $"{deniedBy}: {reason}"
            : $"{deniedBy} without explanation";
        var causes = JsonRead.Objects(status, "details", "causes")
            .Select(c => new ApiErrorCause(JsonRead.Str(c, "reason"), JsonRead.Str(c, "field"), JsonRead.Str(c, "message")))
            .ToList();
        // The apiserver passes the webhook's Status on whole, so details name the object as the webhook did.
        var name = JsonRead.Str(status, "details", "name");
        var kind = JsonRead.Str(status, "details", "kind");
        var details = name.Length > 0 || kind.Length > 0 ? new StatusDetails(name, JsonRead.Str(status, "details", "group"), kind) : null;
        return new ApiException((HttpStatusCode)code, reason, text, causes, details);
    }
}
