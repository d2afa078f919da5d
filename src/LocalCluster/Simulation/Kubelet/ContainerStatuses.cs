using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// containerStatuses entries as the kubelet reports them from the runtime: the latest container
/// is the state (running, or terminated while its successor is not created yet), the one before
/// is lastState; a container not created yet waits (ContainerCreating, or PodInitializing in a
/// pod with init containers), and one in back-off or blocked waits with its reason.
/// </summary>
public static class ContainerStatuses
{
    public static JsonObject Render(ContainerSpec spec, ContainerRun? run, string defaultWaitingReason, DateTimeOffset now)
    {
        if (run is null || (run.Exits.Count == 0 && run.Phase is ContainerPhase.Pulling or ContainerPhase.Starting or ContainerPhase.Blocked or ContainerPhase.Exited))
            return Waiting(spec, run?.WaitingReason ?? defaultWaitingReason, run?.WaitingMessage, null, spec.Image, "", run?.RestartCount ?? 0);
        switch (run.Phase)
        {
            case ContainerPhase.Running or ContainerPhase.Stopping:
                return Status(spec.Name, run.ContainerId, run.StatusImage ?? spec.Image, run.StatusImageId ?? "",
                    LastState(run.Exits.ElementAtOrDefault(0)), run.IsReady(now), run.RestartCount, started: true,
                    new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Time(run.StartedAt ?? now) } });
            case ContainerPhase.BackOff or ContainerPhase.Blocked:
                var last = run.Exits[0];
                return Waiting(spec, run.WaitingReason ?? "", run.WaitingMessage, last, last.Image, last.ImageId, run.RestartCount, last.ContainerId);
            default:
                var exit = run.Exits[0];
                return Status(spec.Name, exit.ContainerId, exit.Image, exit.ImageId, LastState(run.Exits.ElementAtOrDefault(1)), false, run.RestartCount, started: false,
                    new JsonObject { ["terminated"] = Terminated(exit) });
        }
    }

    private static JsonObject Waiting(ContainerSpec spec, string reason, string? message, ContainerExit? last, string image, string imageId, int restartCount, string? containerId = null)
    {
        var waiting = new JsonObject();
        if (message is not null)
            waiting["message"] = message;
        waiting["reason"] = reason;
        return Status(spec.Name, containerId, image, imageId, LastState(last), false, restartCount, started: false, new JsonObject { ["waiting"] = waiting });
    }

    private static JsonObject Status(string name, string? containerId, string image, string imageId, JsonObject lastState, bool ready, int restartCount, bool started, JsonObject state)
    {
        var status = new JsonObject();
        if (containerId is { Length: > 0 })
            status["containerID"] = containerId;
        status["image"] = image;
        status["imageID"] = imageId;
        status["lastState"] = lastState;
        status["name"] = name;
        status["ready"] = ready;
        status["restartCount"] = restartCount;
        status["started"] = started;
        status["state"] = state;
        return status;
    }

    private static JsonObject LastState(ContainerExit? exit) =>
        exit is null ? [] : new JsonObject { ["terminated"] = Terminated(exit) };

    private static JsonObject Terminated(ContainerExit exit)
    {
        var terminated = new JsonObject();
        if (exit.ContainerId.Length > 0)
            terminated["containerID"] = exit.ContainerId;
        terminated["exitCode"] = exit.ExitCode;
        terminated["finishedAt"] = Time(exit.FinishedAt);
        terminated["reason"] = exit.Reason;
        terminated["startedAt"] = Time(exit.StartedAt);
        return terminated;
    }

    private static string Time(DateTimeOffset at) => ObjectMeta.Timestamp(at);
}
