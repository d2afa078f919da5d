using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// The pod status the kubelet writes, from the runtime's record: container statuses, the phase
/// (the kubelet's getPhase), its own conditions (PodReadyToStartContainers, Initialized, Ready,
/// ContainersReady, PodScheduled) with lastTransitionTime kept while a condition's status stays,
/// addresses and startTime. Conditions others own (readiness gates, DisruptionTarget) and fields
/// others set (nominatedNodeName, qosClass) are kept from the current pod, as the
/// status manager merges; Ready needs every readiness gate's condition True there.
/// </summary>
public static class PodStatusRenderer
{
    private static readonly string[] KubeletConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];

    public static JsonObject Render(JsonObject current, PodView pod, NodeView node, PodRuntime record, DateTimeOffset now)
    {
        var hasInit = pod.InitContainers.Count > 0;
        var defaultWaiting = hasInit ? "PodInitializing" : "ContainerCreating";
        var initStatuses = pod.InitContainers.Select(c => (Spec: c, Status: ContainerStatuses.Render(c, record.Run(c.Name), defaultWaiting, now))).ToList();
        var statuses = pod.Containers.Select(c => (Spec: c, Status: ContainerStatuses.Render(c, record.Run(c.Name), defaultWaiting, now)))
            .OrderBy(s => s.Spec.Name, StringComparer.Ordinal).ToList();

        // A sidecar counts as initialized once it has started, whatever it does later.
        var incomplete = initStatuses.Where(s => s.Spec.Sidecar ? record.Run(s.Spec.Name) is not { Attempts: > 0 } : !Succeeded(s.Status))
            .Select(s => s.Spec.Name).ToList();
        var phase = Phase(pod, record, incomplete.Count > 0, statuses.Select(s => (record.Run(s.Spec.Name), s.Status)));
        var unready = initStatuses.Where(s => s.Spec.Sidecar).Concat(statuses)
            .Where(s => !JsonRead.Bool(s.Status, "ready")).Select(s => s.Spec.Name).ToList();

        var oldStatus = current["status"] as JsonObject;
        var conditions = new JsonArray();
        foreach (var other in JsonRead.Objects(oldStatus, "conditions").Where(c => !KubeletConditions.Contains(JsonRead.Str(c, "type"))))
            conditions.Add(other.DeepClone());
        var terminal = phase is "Succeeded" or "Failed";
        conditions.Add(Condition(oldStatus, "PodReadyToStartContainers", record.SandboxReady(now) && !terminal, null, null, now));
        conditions.Add(Initialized(oldStatus, incomplete, phase, now));
        conditions.Add(Ready(oldStatus, pod, unready, phase, now));
        conditions.Add(ContainersReady(oldStatus, unready, phase, now));
        conditions.Add(Condition(oldStatus, "PodScheduled", true, null, null, now));

        var status = oldStatus is null ? new JsonObject() : (JsonObject)oldStatus.DeepClone();
        foreach (var owned in new[] { "conditions", "containerStatuses", "hostIP", "hostIPs", "initContainerStatuses", "message", "phase", "podIP", "podIPs", "reason", "startTime" })
            status.Remove(owned);
        status["conditions"] = conditions;
        status["containerStatuses"] = new JsonArray(statuses.Select(s => (JsonNode?)s.Status).ToArray());
        if (node.InternalIp is { } hostIp)
        {
            status["hostIP"] = hostIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        }
        if (hasInit)
            status["initContainerStatuses"] = new JsonArray(initStatuses.Select(s => (JsonNode?)s.Status).ToArray());
        status["phase"] = phase;
        if (record.PodIp is { } podIp && record.SandboxReady(now))
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }
        status["startTime"] = ObjectMeta.Timestamp(record.AdmittedAt);
        return status;
    }

    /// <summary>
    /// The kubelet's getPhase over the regular containers: Pending while initializing or while a
    /// container has never run; Running while one runs (or restarts); once all have ended,
    /// Succeeded when all exited 0 and Failed when one did not and none restarts.
    /// </summary>
    private static string Phase(PodView pod, PodRuntime record, bool initializing, IEnumerable<(ContainerRun? Run, JsonObject Status)> containers)
    {
        if (initializing)
            return "Pending";
        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var (run, status) in containers)
        {
            if (run is { Restarting: true } || JsonRead.Has(status, "state", "running"))
                running++;
            else if (JsonRead.At(status, "state", "terminated") is { } terminated)
            {
                stopped++;
                if (JsonRead.Int(terminated, "exitCode") == 0)
                    succeeded++;
            }
            else if (Restarted(status))
                stopped++;
            else
                waiting++;
        }
        if (waiting > 0)
            return "Pending";
        if (running > 0)
            return "Running";
        if (stopped == 0)
            return "Pending";
        if (!record.Finished || pod.RestartPolicy == "Always")
            return "Running";
        if (stopped == succeeded)
            return "Succeeded";
        return pod.RestartPolicy == "Never" ? "Failed" : "Running";
    }

    private static bool Succeeded(JsonObject status) =>
        JsonRead.At(status, "state", "terminated") is { } terminated && JsonRead.Int(terminated, "exitCode") == 0;

    private static bool Restarted(JsonObject status) => JsonRead.Has(status, "lastState", "terminated");

    private static JsonObject Initialized(JsonObject? old, List<string> incomplete, string phase, DateTimeOffset now) =>
        incomplete.Count > 0
            ? Condition(old, "Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: {GoList(incomplete)}", now)
            : Condition(old, "Initialized", true, phase == "Succeeded" ? "PodCompleted" : null, null, now);

    private static JsonObject ContainersReady(JsonObject? old, List<string> unready, string phase, DateTimeOffset now) => phase switch
    {
        "Succeeded" => Condition(old, "ContainersReady", false, "PodCompleted", null, now),
        "Failed" => Condition(old, "ContainersReady", false, "PodFailed", null, now),
        _ when unready.Count > 0 => Condition(old, "ContainersReady", false, "ContainersNotReady", $"containers with unready status: {GoList(unready)}", now),
        _ => Condition(old, "ContainersReady", true, null, null, now),
    };

    private static JsonObject Ready(JsonObject? old, PodView pod, List<string> unready, string phase, DateTimeOffset now)
    {
        if (phase is "Succeeded" or "Failed" || unready.Count > 0)
        {
            var containersReady = ContainersReady(old, unready, phase, now);
            return Condition(old, "Ready", false, JsonRead.Str(containersReady, "reason"), JsonRead.AsString(containersReady["message"]), now);
        }
        var gates = new List<string>();
        foreach (var gate in pod.ReadinessGates)
        {
            var condition = JsonRead.Objects(old, "conditions").FirstOrDefault(c => JsonRead.Str(c, "type") == gate);
            if (condition is null)
                gates.Add($"corresponding condition of pod readiness gate \"{gate}\" does not exist.");
            else if (JsonRead.Str(condition, "status") != "True")
                gates.Add($"the status of pod readiness gate \"{gate}\" is not \"True\", but {JsonRead.Str(condition, "status")}");
        }
        return gates.Count > 0
            ? Condition(old, "Ready", false, "ReadinessGatesNotReady", string.Join(", ", gates), now)
            : Condition(old, "Ready", true, null, null, now);
    }

    private static JsonObject Condition(JsonObject? old, string type, bool value, string? reason, string? message, DateTimeOffset now)
    {
        var status = value ? "True" : "False";
        var previous = JsonRead.Objects(old, "conditions").FirstOrDefault(c => JsonRead.Str(c, "type") == type);
        var since = previous is not null && JsonRead.Str(previous, "status") == status && previous["lastTransitionTime"] is { } kept
            ? kept.DeepClone()
            : ObjectMeta.Timestamp(now);
        var condition = new JsonObject { ["lastProbeTime"] = null, ["lastTransitionTime"] = since };
        if (message is not null)
            condition["message"] = message;
        if (reason is not null)
            condition["reason"] = reason;
        condition["status"] = status;
        condition["type"] = type;
        return condition;
    }

    // Go's %s of a []string: [a b].
    private static string GoList(IEnumerable<string> names) => $"[{string.Join(' ', names)}]";
}
