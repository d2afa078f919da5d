using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>What one pass of the namespace controller left behind.</summary>
internal sealed class NamespaceContent
{
    /// <summary>Objects left, by "plural.group" (the real controller's wording, "pods." for the core group).</summary>
    public SortedDictionary<string, int> Remaining { get; } = new(StringComparer.Ordinal);

    /// <summary>Finalizers on the objects left, with how many objects carry each.</summary>
    public SortedDictionary<string, int> Finalizers { get; } = new(StringComparer.Ordinal);

    /// <summary>Deletes that were refused, one message per resource.</summary>
    public List<string> Failures { get; } = [];

    public bool Empty => Remaining.Count == 0 && Failures.Count == 0;
}

/// <summary>
/// The five conditions the namespace controller keeps on a terminating namespace (what
/// `kubectl describe ns` shows while it waits), with the real controller's reasons and messages;
/// lastTransitionTime moves only when a condition's status does.
/// </summary>
internal static class NamespaceConditions
{
    private static readonly (string Type, string Reason, string Message)[] Healthy =
    [
        ("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
        ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        ("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
        ("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
    ];

    public static void Apply(JsonObject ns, NamespaceContent content, DateTimeOffset now)
    {
        var status = ns["status"] as JsonObject ?? [];
        var conditions = status["conditions"] as JsonArray ?? [];
        foreach (var (type, reason, message) in Healthy)
        {
            var (failing, actualReason, actualMessage) = type switch
            {
                "NamespaceDeletionContentFailure" when content.Failures.Count > 0 =>
                    (true, "ContentDeletionFailed", $"Failed to delete all resource types, {content.Failures.Count} remaining: {string.Join(", ", content.Failures)}"),
                "NamespaceContentRemaining" when content.Remaining.Count > 0 =>
                    (true, "SomeResourcesRemain", "Some resources are remaining: " + string.Join(", ", content.Remaining.Select(r => $"{r.Key} has {r.Value} resource instances"))),
                "NamespaceFinalizersRemaining" when content.Finalizers.Count > 0 =>
                    (true, "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: " + string.Join(", ", content.Finalizers.Select(f => $"{f.Key} in {f.Value} resource instances"))),
                _ => (false, reason, message),
            };
            Set(conditions, type, failing ? "True" : "False", actualReason, actualMessage, now);
        }
        status["conditions"] = conditions;
        ns["status"] = status;
    }

    private static void Set(JsonArray conditions, string type, string status, string reason, string message, DateTimeOffset now)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonRead.Str(c, "type") == type);
        if (existing is null)
        {
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = ObjectMeta.Timestamp(now), ["reason"] = reason, ["message"] = message });
            return;
        }
        if (JsonRead.Str(existing, "status") != status)
            existing["lastTransitionTime"] = ObjectMeta.Timestamp(now);
        existing["status"] = status;
        existing["reason"] = reason;
        existing["message"] = message;
    }
}
