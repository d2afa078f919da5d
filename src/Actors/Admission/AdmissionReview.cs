using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.Admission;

/// <summary>The part of an admission.k8s.io/v1 AdmissionReview request the webhooks read.</summary>
public sealed record AdmissionRequest(
    string Uid,
    string Group,
    string Version,
    string Kind,
    string Operation,
    string SubResource,
    JsonObject? Object,
    JsonObject? OldObject);

/// <summary>A field the denial names, as Status details.causes carries it.</summary>
public sealed record AdmissionCause(string Field, string Message);

/// <summary>
/// The webhook's answer. A denial carries the Status the apiserver shows the user (code, reason,
/// message, causes); an allowed mutation carries a JSON Patch.
/// </summary>
/// <summary>The object a denial is about (Status details: kubectl prints "The Kind "name" is invalid").</summary>
public sealed record AdmissionSubject(string Group, string Kind, string Name);

public sealed record AdmissionResponse(bool Allowed, int Code = 200, string Reason = "", string Message = "", IReadOnlyList<AdmissionCause>? Causes = null, JsonArray? Patch = null, AdmissionSubject? Subject = null)
{
    public static AdmissionResponse Allow() => new(true);

    public static AdmissionResponse WithPatch(JsonArray patch) => new(true, Patch: patch.Count == 0 ? null : patch);

    /// <summary>A request the webhook cannot read as the object it expects (OpenKruise's admission.Errored(400)).</summary>
    public static AdmissionResponse BadRequest(string message) => new(false, 400, "BadRequest", message);
}

/// <summary>An AdmissionReview that cannot be answered at all; the server replies HTTP 400 with the message.</summary>
public sealed class MalformedAdmissionReviewException(string message) : Exception(message);

/// <summary>Reads AdmissionReview requests and writes the responses (admission.k8s.io/v1 only, as the configurations declare).</summary>
public static class AdmissionReviews
{
    public const string ApiVersion = "admission.k8s.io/v1";

    public static AdmissionRequest Parse(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw new MalformedAdmissionReviewException($"the body is not JSON: {e.Message}");
        }
        if (root is not JsonObject review)
            throw new MalformedAdmissionReviewException("the body is not an AdmissionReview object");
        var apiVersion = Text(review, "apiVersion");
        var kind = Text(review, "kind");
        if (kind != "AdmissionReview" || apiVersion != ApiVersion)
            throw new MalformedAdmissionReviewException($"expected kind AdmissionReview of {ApiVersion}, got kind \"{kind}\" of \"{apiVersion}\"");
        if (review["request"] is not JsonObject request)
            throw new MalformedAdmissionReviewException("the AdmissionReview has no request");
        var uid = Text(request, "uid");
        if (uid.Length == 0)
            throw new MalformedAdmissionReviewException("the AdmissionReview request has no uid");
        var gvk = request["kind"] as JsonObject;
        return new AdmissionRequest(
            uid,
            Text(gvk, "group"),
            Text(gvk, "version"),
            Text(gvk, "kind"),
            Text(request, "operation"),
            Text(request, "subResource"),
            ObjectOrNull(request, "object"),
            ObjectOrNull(request, "oldObject"));
    }

    public static JsonObject Render(string uid, AdmissionResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = new JsonObject { ["uid"] = uid, ["allowed"] = response.Allowed };
        if (!response.Allowed)
        {
            var status = new JsonObject
            {
                ["status"] = "Failure",
                ["code"] = response.Code,
                ["reason"] = response.Reason,
                ["message"] = response.Message,
            };
            var details = new JsonObject();
            if (response.Subject is { } subject)
            {
                details["name"] = subject.Name;
                details["group"] = subject.Group;
                details["kind"] = subject.Kind;
            }
            if (response.Causes is { Count: > 0 } causes)
            {
                details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
                {
                    ["reason"] = "FieldValueInvalid",
                    ["field"] = c.Field,
                    ["message"] = c.Message,
                }).ToArray());
            }
            if (details.Count > 0)
                status["details"] = details;
            body["status"] = status;
        }
        if (response.Patch is { } patch)
        {
            body["patchType"] = "JSONPatch";
            body["patch"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(patch.ToJsonString()));
        }
        return new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "AdmissionReview", ["response"] = body };
    }

    private static string Text(JsonObject? parent, string name) =>
        parent?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    private static JsonObject? ObjectOrNull(JsonObject request, string name) => request[name] switch
    {
        null => null,
        JsonObject found => found,
        _ => throw new MalformedAdmissionReviewException($"request.{name} is not an object"),
    };
}
