using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>The PodScheduled condition the scheduler writes when a pod does not fit.</summary>
public static class PodConditions
{
    /// <summary>
    /// Sets PodScheduled False/Unschedulable with the message, as podutil.UpdatePodCondition does:
    /// the transition time moves only when the status changes, so a repeated failure with a new
    /// message keeps when the pod first became unschedulable.
    /// </summary>
    public static void SetUnschedulable(JsonObject pod, string message, DateTimeOffset now)
    {
        var status = pod["status"] as JsonObject ?? [];
        pod["status"] = status;
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonRead.Str(c, "type") == "PodScheduled");
        var transition = existing is not null && JsonRead.Str(existing, "status") == "False" && existing["lastTransitionTime"] is { } kept
            ? kept.DeepClone()
            : ObjectMeta.Timestamp(now);
        var condition = new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = "False",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = transition,
            ["reason"] = "Unschedulable",
            ["message"] = message,
        };
        if (existing is null)
            conditions.Add(condition);
        else
            conditions[conditions.IndexOf(existing)] = condition;
    }
}
