using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>A webhook's verified answer.</summary>
internal sealed record WebhookResponse(bool Allowed, JsonObject? Status, JsonNode? Patch, IReadOnlyList<string> Warnings);

/// <summary>
/// The admission.k8s.io AdmissionReview exchanged with a webhook: the request the apiserver sends
/// (request/admissionreview.go CreateV1AdmissionReview) and the checks it makes of the answer
/// (VerifyAdmissionResponse). Every request is made as the kubeconfig's admin user.
/// </summary>
internal static class AdmissionReviews
{
    public const string Username = "kubernetes-admin";
    public static readonly IReadOnlyList<string> Groups = ["system:masters", "system:authenticated"];

    /// <summary>The first AdmissionReview version the webhook accepts that is known (v1, v1beta1), or null.</summary>
    public static string? VersionFor(WebhookSpec hook) =>
        hook.AdmissionReviewVersions.FirstOrDefault(v => v is "v1" or "v1beta1");

    public static JsonObject Request(string version, string uid, WebhookInvocation invocation, WebhookAttributes attributes)
    {
        var resource = invocation.Resource;
        var type = attributes.Type;
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = invocation.Kind.ToJson(),
            ["resource"] = new JsonObject { ["group"] = resource.Group, ["version"] = resource.Version, ["resource"] = resource.Plural },
        };
        if (attributes.Subresource.Length > 0)
            request["subResource"] = attributes.Subresource;
        request["requestKind"] = attributes.RequestKind.ToJson();
        request["requestResource"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["resource"] = type.Plural };
        if (attributes.Subresource.Length > 0)
            request["requestSubResource"] = attributes.Subresource;
        if (attributes.Name.Length > 0)
            request["name"] = attributes.Name;
        if (attributes.Namespace.Length > 0)
            request["namespace"] = attributes.Namespace;
        request["operation"] = attributes.Operation;
        request["userInfo"] = new JsonObject
        {
            ["username"] = Username,
            ["groups"] = new JsonArray(Groups.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
        };
        request["object"] = attributes.AtVersion(attributes.Object, resource);
        request["oldObject"] = attributes.AtVersion(attributes.OldObject, resource);
        request["dryRun"] = attributes.DryRun;
        request["options"] = attributes.Options();
        return new JsonObject
        {
            ["kind"] = "AdmissionReview",
            ["apiVersion"] = $"admission.k8s.io/{version}",
            ["request"] = request,
        };
    }

    /// <summary>The answer's checks; a failing one is a call failure (subject to failurePolicy).</summary>
    public static WebhookResponse Verify(string webhook, string version, string uid, bool mutating, JsonNode? review)
    {
        if (JsonRead.At(review, "response") is not JsonObject response)
            throw Invalid(webhook, "webhook response was absent");
        JsonNode? patch = null;
        if (version == "v1")
        {
            var responseUid = JsonRead.Str(response, "uid");
            if (responseUid != uid)
                throw Invalid(webhook, $"expected response.uid=\"{uid}\", got \"{responseUid}\"");
            var apiVersion = JsonRead.Str(review, "apiVersion");
            var kind = JsonRead.Str(review, "kind");
            if (apiVersion != "admission.k8s.io/v1" || kind != "AdmissionReview")
                throw Invalid(webhook, $"expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got {apiVersion}, Kind={kind}");
            var hasPatch = JsonRead.Str(response, "patch").Length > 0;
            var hasPatchType = JsonRead.Has(response, "patchType");
            if (mutating)
            {
                if (hasPatch && !hasPatchType)
                    throw Invalid(webhook, "webhook returned response.patch but not response.patchType");
                if (!hasPatch && hasPatchType)
                    throw Invalid(webhook, "webhook returned response.patchType but not response.patch");
                var patchType = JsonRead.Str(response, "patchType");
                if (hasPatch && patchType != "JSONPatch")
                    throw new WebhookCallException(webhook, $"unsupported patch type \"{patchType}\"");
            }
            else if (hasPatch)
            {
                throw Invalid(webhook, "validating webhook may not return response.patch");
            }
            else if (hasPatchType)
            {
                throw Invalid(webhook, "validating webhook may not return response.patchType");
            }
        }
        if (mutating && JsonRead.Str(response, "patch") is { Length: > 0 } encoded)
            patch = DecodePatch(webhook, encoded);
        return new WebhookResponse(
            JsonRead.Bool(response, "allowed"),
            response["status"] as JsonObject,
            patch,
            JsonRead.Strings(response, "warnings").ToList());
    }

    private static JsonNode? DecodePatch(string webhook, string encoded)
    {
        try
        {
            return JsonNode.Parse(Convert.FromBase64String(encoded));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new WebhookCallException(webhook, $"received undecodable patch in webhook response: {e.Message}");
        }
    }

    private static WebhookCallException Invalid(string webhook, string reason) =>
        new(webhook, $"received invalid webhook response: {reason}");
}
