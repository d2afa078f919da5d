using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// Pods as kubectl get shows them: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE
/// READINESS GATES. STATUS follows the API server's printPod: init progress, the first waiting
/// or terminated container reason, Terminating while deleting.
/// </summary>
internal static class PodPrinter
{
    public static TablePrinter Printer { get; } = new(
    [
        TableColumn.NameColumn,
        new("Ready", Description: "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", Description: "The aggregate status of the containers in this pod."),
        new("Restarts", Description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.Age,
        TableColumn.Wide("IP", "podIP address allocated to the pod."),
        TableColumn.Wide("Node", "NodeName indicates in which node this pod is scheduled."),
        TableColumn.Wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node."),
        TableColumn.Wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."),
    ], Cells, Conditions);

    private static JsonNode?[] Cells(JsonObject pod, DateTimeOffset now)
    {
        var state = Summarize(pod);
        var restarts = state.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (state.Restarts != 0 && state.LastRestart is { } last)
            restarts += $" ({Timestamps.Since(now, last)} ago)";
        return
        [
            Str(pod, "metadata", "name"),
            $"{state.Ready}/{state.Total}",
            state.Reason,
            restarts,
            Timestamps.Since(now, At(pod, "metadata", "creationTimestamp")),
            OrNone(Objects(pod, "status", "podIPs").Select(ip => Str(ip, "ip")).FirstOrDefault() ?? Str(pod, "status", "podIP")),
            OrNone(Str(pod, "spec", "nodeName")),
            OrNone(Str(pod, "status", "nominatedNodeName")),
            ReadinessGates(pod),
        ];
    }

    private sealed record Summary(int Ready, int Total, string Reason, long Restarts, DateTimeOffset? LastRestart);

    private static Summary Summarize(JsonObject pod)
    {
        var phase = Str(pod, "status", "phase");
        var reason = Str(pod, "status", "reason") is { Length: > 0 } r ? r : phase;
        if (Objects(pod, "status", "conditions").Any(c => Str(c, "type") == "PodScheduled" && Str(c, "reason") == "SchedulingGated"))
            reason = "SchedulingGated";

        var initSpecs = Objects(pod, "spec", "initContainers").ToList();
        var sidecars = initSpecs.Where(IsSidecar).Select(c => Str(c, "name")).ToHashSet(StringComparer.Ordinal);
        var total = Objects(pod, "spec", "containers").Count() + sidecars.Count;
        var ready = 0;
        long restarts = 0, sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null, lastSidecarRestart = null;

        var initializing = false;
        var index = 0;
        foreach (var status in Objects(pod, "status", "initContainerStatuses"))
        {
            var sidecar = sidecars.Contains(Str(status, "name"));
            restarts += Int(status, "restartCount");
            lastRestart = Later(lastRestart, status);
            if (sidecar)
            {
                sidecarRestarts += Int(status, "restartCount");
                lastSidecarRestart = Later(lastSidecarRestart, status);
            }
            var terminated = At(status, "state", "terminated");
            var waitingReason = Str(status, "state", "waiting", "reason");
            if (terminated is not null && Int(terminated, "exitCode") == 0)
            {
                index++;
                continue;
            }
            if (sidecar && Bool(status, "started"))
            {
                if (Bool(status, "ready"))
                    ready++;
                index++;
                continue;
            }
            initializing = true;
            if (terminated is not null)
                reason = "Init:" + TerminatedReason(terminated);
            else if (waitingReason.Length > 0 && waitingReason != "PodInitializing")
                reason = "Init:" + waitingReason;
            else
                reason = $"Init:{index}/{initSpecs.Count}";
            break;
        }

        // Once initialized (or with sidecars still "initializing"), the app containers decide.
        if (!initializing || Objects(pod, "status", "conditions").Any(c => Str(c, "type") == "Initialized" && Str(c, "status") == "True"))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            foreach (var status in Objects(pod, "status", "containerStatuses").Reverse())
            {
                restarts += Int(status, "restartCount");
                lastRestart = Later(lastRestart, status);
                var waitingReason = Str(status, "state", "waiting", "reason");
                var terminated = At(status, "state", "terminated");
                if (waitingReason.Length > 0)
                    reason = waitingReason;
                else if (terminated is not null)
                    reason = TerminatedReason(terminated);
                else if (Bool(status, "ready") && Has(status, "state", "running"))
                {
                    hasRunning = true;
                    ready++;
                }
            }
            if (reason == "Completed" && hasRunning)
                reason = Objects(pod, "status", "conditions").Any(c => Str(c, "type") == "Ready" && Str(c, "status") == "True") ? "Running" : "NotReady";
        }

        if (Has(pod, "metadata", "deletionTimestamp"))
        {
            if (Str(pod, "status", "reason") == "NodeLost")
                reason = "Unknown";
            else if (phase is not ("Succeeded" or "Failed"))
                reason = "Terminating";
        }
        return new(ready, total, reason, restarts, lastRestart);
    }

    // A restartable init container (restartPolicy Always) is a sidecar: it counts as a container.
    private static bool IsSidecar(JsonObject container) => Str(container, "restartPolicy") == "Always";

    private static string TerminatedReason(JsonNode terminated) =>
        Str(terminated, "reason") is { Length: > 0 } reason ? reason
        : Int(terminated, "signal") != 0 ? $"Signal:{Int(terminated, "signal")}"
        : $"ExitCode:{Int(terminated, "exitCode")}";

    private static DateTimeOffset? Later(DateTimeOffset? current, JsonObject status) =>
        Timestamps.Parse(At(status, "lastState", "terminated", "finishedAt")) is { } finished && (current is null || finished > current)
            ? finished
            : current;

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = Objects(pod, "spec", "readinessGates").Select(g => Str(g, "conditionType")).ToList();
        if (gates.Count == 0)
            return "<none>";
        var conditions = Objects(pod, "status", "conditions").ToList();
        var satisfied = gates.Count(gate => conditions.FirstOrDefault(c => Str(c, "type") == gate) is { } c && Str(c, "status") == "True");
        return $"{satisfied}/{gates.Count}";
    }

    private static JsonArray? Conditions(JsonObject pod) => Str(pod, "status", "phase") switch
    {
        "Succeeded" => Completed("Succeeded", "The pod has completed successfully."),
        "Failed" => Completed("Failed", "The pod failed."),
        _ => null,
    };

    private static JsonArray Completed(string reason, string message) =>
        [new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = reason, ["message"] = message }];

    internal static string OrNone(string value) => value.Length == 0 ? "<none>" : value;
}
