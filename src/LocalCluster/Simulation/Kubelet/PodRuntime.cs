using System.Collections.Immutable;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>Where one container of the simulated runtime is.</summary>
public enum ContainerPhase
{
    /// <summary>Its image is being pulled (until <see cref="ContainerRun.Until"/>).</summary>
    Pulling,

    /// <summary>The image is there; the container is being created and started.</summary>
    Starting,

    Running,

    /// <summary>Killed and shutting down (until <see cref="ContainerRun.Until"/>).</summary>
    Stopping,

    /// <summary>The latest container has exited (<see cref="ContainerRun.Exits"/>[0]).</summary>
    Exited,

    /// <summary>Crash-loop back-off before the next restart.</summary>
    BackOff,

    /// <summary>Cannot start until the spec changes (an invalid image, an absent image with pull policy Never).</summary>
    Blocked,
}

/// <summary>One ended container: what containerStatuses show as a terminated state.</summary>
public sealed record ContainerExit(
    int ExitCode,
    string Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string ContainerId,
    string Image,
    string ImageId);

/// <summary>
/// The simulated runtime's record of one container name in a pod: the attempt in progress or
/// running, how many containers were created so far, and the last two that ended (what the
/// status shows as state and lastState).
/// </summary>
public sealed record ContainerRun
{
    public required string Name { get; init; }

    /// <summary>The spec image of the current attempt; a different spec image means the definition changed.</summary>
    public required string Image { get; init; }

    /// <summary>The env the current attempt read from labels and annotations (<see cref="ContainerSpec.MetadataEnv"/>).</summary>
    public string MetadataEnv { get; init; } = "";

    public ContainerPhase Phase { get; init; }

    /// <summary>When the current phase ends by itself (pull done, started, exits, stopped, back-off over); null: it does not.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Containers created so far for this name; restartCount is one less.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset? PullStartedAt { get; init; }

    /// <summary>The running container (Running, Stopping).</summary>
    public string? ContainerId { get; init; }

    /// <summary>The running container's image as the runtime reports it, and its digest.</summary>
    public string? StatusImage { get; init; }

    public string? StatusImageId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>Ended containers, latest first, at most two.</summary>
    public ImmutableList<ContainerExit> Exits { get; init; } = [];

    /// <summary>Why it waits (Blocked, BackOff), as containerStatuses[].state.waiting shows it.</summary>
    public string? WaitingReason { get; init; }

    public string? WaitingMessage { get; init; }

    /// <summary>Stopped because its definition changed: start it again once stopped, whatever the restart policy.</summary>
    public bool RestartAfterStop { get; init; }

    public int RestartCount => Math.Max(Attempts - 1, 0);

    /// <summary>A restart in progress: a container ended and the next one is on its way.</summary>
    public bool Restarting => Exits.Count > 0 && (Phase is ContainerPhase.Pulling or ContainerPhase.Starting or ContainerPhase.BackOff || (Phase == ContainerPhase.Exited && RestartAfterStop));

    public bool IsReady(DateTimeOffset now) => Phase == ContainerPhase.Running && ReadyAt <= now;
}

/// <summary>
/// The simulated node's record of one pod: when the kubelet admitted it (status.startTime),
/// its sandbox's address, and its containers. The real kubelet gets this from the container
/// runtime; here it lives in memory and is rebuilt from the pod's status after a restart.
/// </summary>
public sealed record PodRuntime
{
    public required DateTimeOffset AdmittedAt { get; init; }

    /// <summary>The sandbox's address; null until the network is set up.</summary>
    public string? PodIp { get; init; }

    /// <summary>When the sandbox is set up and containers may start; null: it was before this record began (restored).</summary>
    public DateTimeOffset? SandboxReadyAt { get; init; }

    /// <summary>Why the sandbox's network could not be set up the last time it was tried.</summary>
    public string? SandboxError { get; init; }

    public ImmutableDictionary<string, ContainerRun> Runs { get; init; } = ImmutableDictionary<string, ContainerRun>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Every container is done for good: the sandbox is torn down and its address released.</summary>
    public bool Finished { get; init; }

    /// <summary>The pod was being deleted and its containers have stopped: the kubelet asked for the final delete.</summary>
    public bool DeleteRequested { get; init; }

    public ContainerRun? Run(string name) => Runs.GetValueOrDefault(name);

    /// <summary>The sandbox has its address and is set up: containers may start, and the status shows the pod IP.</summary>
    public bool SandboxReady(DateTimeOffset now) => PodIp is not null && !(SandboxReadyAt > now);
}
