using System.Text.Json.Nodes;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

/// <summary>Webhook definitions scoped to one test's namespace.</summary>
public static class Hooks
{
    public static V1RuleWithOperations Rule(string group, string version, string resource, params string[] operations) =>
        new() { ApiGroups = [group], ApiVersions = [version], Resources = [resource], Operations = operations.Length == 0 ? ["CREATE"] : operations };

    public static V1LabelSelector InNamespace(string ns) =>
        new() { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns } };

    public static V1ValidatingWebhook Validating(string name, Admissionregistrationv1WebhookClientConfig client, string ns, V1RuleWithOperations rule,
        string failurePolicy = "Fail", int? timeoutSeconds = null, string sideEffects = "None") => new()
    {
        Name = name,
        ClientConfig = client,
        Rules = [rule],
        NamespaceSelector = InNamespace(ns),
        FailurePolicy = failurePolicy,
        TimeoutSeconds = timeoutSeconds,
        SideEffects = sideEffects,
        AdmissionReviewVersions = ["v1"],
    };

    public static V1MutatingWebhook Mutating(string name, Admissionregistrationv1WebhookClientConfig client, string ns, V1RuleWithOperations rule,
        string? reinvocationPolicy = null) => new()
    {
        Name = name,
        ClientConfig = client,
        Rules = [rule],
        NamespaceSelector = InNamespace(ns),
        SideEffects = "None",
        AdmissionReviewVersions = ["v1"],
        ReinvocationPolicy = reinvocationPolicy,
    };

    /// <summary>A JSON patch adding one label (the object must have labels already or gets them).</summary>
    public static JsonArray AddLabel(JsonObject request, string key, string value)
    {
        var hasLabels = request["object"]?["metadata"]?["labels"] is JsonObject;
        var escaped = key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        return hasLabels
            ? [new JsonObject { ["op"] = "add", ["path"] = $"/metadata/labels/{escaped}", ["value"] = value }]
            : [new JsonObject { ["op"] = "add", ["path"] = "/metadata/labels", ["value"] = new JsonObject { [key] = value } }];
    }

    public static string? Label(JsonObject request, string key) => request["object"]?["metadata"]?["labels"]?[key]?.GetValue<string>();
}
