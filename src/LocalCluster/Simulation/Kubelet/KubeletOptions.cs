namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// How long the simulated node takes for each step of running a pod, and how the kubelet
/// simulation runs. <see cref="Realistic"/> is for `up` (a new pod is Running about 3 to 4 s after
/// it is bound the first time its image is pulled on a node); <see cref="Instant"/> is for tests
/// and benchmarks: every step takes no time, so a pod goes from bound to Running and Ready in one
/// status write.
/// </summary>
public sealed record KubeletOptions
{
    /// <summary>
    /// Creating a NEW pod's sandbox before any of its containers: the pause container, network
    /// namespace and CNI setup (a real kubelet typically takes 1 to 3 s). An in-place container
    /// restart reuses the sandbox and pays none of it, which is what makes in-place updates faster
    /// than recreating pods.
    /// </summary>
    public TimeSpan PodSandbox { get; init; }

    /// <summary>Pulling an image not yet on the node takes between this and twice this, stable per image.</summary>
    public TimeSpan ImagePull { get; init; }

    /// <summary>From the image being present to the container running (create + start).</summary>
    public TimeSpan ContainerStart { get; init; }

    /// <summary>From a container running to it being reported ready (the first readiness probe).</summary>
    public TimeSpan Readiness { get; init; }

    /// <summary>How long a container takes to stop once killed, capped by the pod's grace period.</summary>
    public TimeSpan ContainerStop { get; init; }

    /// <summary>How long an init container runs before it completes (exit 0).</summary>
    public TimeSpan InitContainerRun { get; init; }

    /// <summary>The first crash-loop back-off; it doubles with each restart up to <see cref="MaxRestartBackoff"/>.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Pods synced concurrently (each sync awaits its durable writes, so this is mostly I/O concurrency).</summary>
    public int Workers { get; init; } = 32;

    /// <summary>Write Events (Pulling, Pulled, Created, Started, Killing, ...) as the real kubelet does.</summary>
    public bool RecordEvents { get; init; } = true;

    /// <summary>The clock; null uses the API server's.</summary>
    public TimeProvider? Time { get; init; }

    public static KubeletOptions Realistic { get; } = new()
    {
        PodSandbox = TimeSpan.FromMilliseconds(1500),
        ImagePull = TimeSpan.FromSeconds(1),
        ContainerStart = TimeSpan.FromMilliseconds(500),
        Readiness = TimeSpan.FromMilliseconds(500),
        ContainerStop = TimeSpan.FromMilliseconds(500),
        InitContainerRun = TimeSpan.FromSeconds(1),
    };

    public static KubeletOptions Instant { get; } = new();

    internal KubeletTimings Timings => new(ImagePull, ContainerStart, Readiness, ContainerStop, InitContainerRun, RestartBackoff, MaxRestartBackoff) { PodSandbox = PodSandbox };
}

/// <summary>The latencies the planner needs, apart from how the simulation runs.</summary>
public sealed record KubeletTimings(
    TimeSpan ImagePull,
    TimeSpan ContainerStart,
    TimeSpan Readiness,
    TimeSpan ContainerStop,
    TimeSpan InitContainerRun,
    TimeSpan RestartBackoff,
    TimeSpan MaxRestartBackoff)
{
    /// <summary>See <see cref="KubeletOptions.PodSandbox"/>.</summary>
    public TimeSpan PodSandbox { get; init; }

    public static KubeletTimings Instant { get; } = KubeletOptions.Instant.Timings;
}
