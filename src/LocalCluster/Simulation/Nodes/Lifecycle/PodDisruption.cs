using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

/// <summary>The DisruptionTarget condition the taint-eviction controller sets on a pod before deleting it.</summary>
internal static class PodDisruption
{
    public const string ConditionType = "DisruptionTarget";
    public const string Reason = "DeletionByTaintManager";
    public const string Message = "Taint manager: deleting due to NoExecute taint";

    public static void MarkTarget(JsonObject pod, DateTimeOffset now)
    {
        var status = pod["status"] as JsonObject ?? [];
        var conditions = status["conditions"] as JsonArray ?? [];
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonRead.Str(c, "type") == ConditionType);
        if (existing is not null && JsonRead.Str(existing, "status") == "True" && JsonRead.Str(existing, "reason") == Reason)
            return;
        existing?.Parent?.AsArray().Remove(existing);
        conditions.Add(new JsonObject
        {
            ["type"] = ConditionType,
            ["status"] = "True",
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = ObjectMeta.Timestamp(now),
            ["reason"] = Reason,
            ["message"] = Message,
        });
        status["conditions"] = conditions;
        pod["status"] = status;
    }
}
