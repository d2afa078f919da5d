using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes;

/// <summary>
/// The four node conditions, as the kubelet posts them when all is well and as the node lifecycle
/// controller overwrites them when the kubelet goes silent. Pure: time is a parameter.
/// </summary>
internal static class NodeConditions
{
    public const string Ready = "Ready";
    public const string UnknownReason = "NodeStatusUnknown";
    public const string UnknownMessage = "Kubelet stopped posting node status.";
    public const string NeverUpdatedReason = "NodeStatusNeverUpdated";
    public const string NeverUpdatedMessage = "Kubelet never posted node status.";

    // Type, healthy status, reason and message, in the kubelet's order.
    private static readonly (string Type, string Status, string Reason, string Message)[] HealthyConditions =
    [
        ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        (Ready, "True", "KubeletReady", "kubelet is posting ready status"),
    ];

    /// <summary>
    /// The conditions a running kubelet posts: heartbeat now, transition time kept for a condition
    /// whose status does not change.
    /// </summary>
    public static JsonArray Healthy(DateTimeOffset now, JsonNode? previous)
    {
        var result = new JsonArray();
        foreach (var (type, status, reason, message) in HealthyConditions)
        {
            var before = Find(previous, type);
            var transition = before is not null && JsonRead.Str(before, "status") == status && before["lastTransitionTime"] is { } kept
                ? kept.DeepClone()
                : ObjectMeta.Timestamp(now);
            result.Add(new JsonObject
            {
                ["type"] = type,
                ["status"] = status,
                ["lastHeartbeatTime"] = ObjectMeta.Timestamp(now),
                ["lastTransitionTime"] = transition,
                ["reason"] = reason,
                ["message"] = message,
            });
        }
        return result;
    }

    /// <summary>Whether the conditions are what a running kubelet posts (Ready True, no pressure).</summary>
    public static bool AreHealthy(JsonNode? conditions) =>
        HealthyConditions.All(h => JsonRead.Str(Find(conditions, h.Type), "status") == h.Status);

    /// <summary>Whether every condition the kubelet posts is Unknown already (nothing left to mark).</summary>
    public static bool AllUnknown(JsonNode? conditions) =>
        HealthyConditions.All(h => JsonRead.Str(Find(conditions, h.Type), "status") == "Unknown");

    /// <summary>
    /// The node lifecycle controller's view of a silent kubelet: every condition Unknown (heartbeat
    /// kept, transition now); a condition never posted is added as never updated.
    /// </summary>
    public static JsonArray Unknown(JsonNode? conditions, DateTimeOffset now, DateTimeOffset nodeCreated)
    {
        var result = new JsonArray();
        foreach (var existing in JsonRead.Objects(conditions))
        {
            if (HealthyConditions.Any(h => h.Type == JsonRead.Str(existing, "type")))
                continue;
            result.Add(existing.DeepClone());
        }
        foreach (var (type, _, _, _) in HealthyConditions)
        {
            var before = Find(conditions, type);
            if (before is null)
            {
                result.Add(new JsonObject
                {
                    ["type"] = type,
                    ["status"] = "Unknown",
                    ["lastHeartbeatTime"] = ObjectMeta.Timestamp(nodeCreated),
                    ["lastTransitionTime"] = ObjectMeta.Timestamp(now),
                    ["reason"] = NeverUpdatedReason,
                    ["message"] = NeverUpdatedMessage,
                });
                continue;
            }
            var condition = (JsonObject)before.DeepClone();
            if (JsonRead.Str(before, "status") != "Unknown")
            {
                condition["status"] = "Unknown";
                condition["lastTransitionTime"] = ObjectMeta.Timestamp(now);
                condition["reason"] = UnknownReason;
                condition["message"] = UnknownMessage;
            }
            result.Add(condition);
        }
        return result;
    }

    /// <summary>The Ready condition's status ("True", "False", "Unknown"), or null before any was posted.</summary>
    public static string? ReadyStatus(JsonObject node) =>
        Find(JsonRead.At(node, "status", "conditions"), Ready) is { } ready ? JsonRead.Str(ready, "status") : null;

    private static JsonObject? Find(JsonNode? conditions, string type) =>
        JsonRead.Objects(conditions).LastOrDefault(c => JsonRead.Str(c, "type") == type);
}
