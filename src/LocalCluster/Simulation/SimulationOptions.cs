namespace Kruise.Actors.LocalCluster.Simulation;

/// <summary>
/// How the embedded cluster simulates its nodes. Defaults are a real cluster's (kubelet and
/// kube-controller-manager flags); tests shrink the intervals so lifecycle changes happen at once.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>The most nodes the pod network holds: each takes one /24 of <see cref="SimulationConventions.ClusterPodCidr"/>.</summary>
    public const int MaxNodes = 256;

    /// <summary>Nodes kruise-node-1..N, created at start when absent (existing ones are kept).</summary>
    public int NodeCount { get; init; } = 3;

    /// <summary>Zones zone-a, zone-b, ... the nodes are spread over round-robin.</summary>
    public int ZoneCount { get; init; } = 3;

    /// <summary>How often each running node renews its Lease in kube-node-lease (the kubelet's 10 s).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a node may go without renewing before it is NotReady (--node-monitor-grace-period).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>How often the node lifecycle controller looks at every node (--node-monitor-period).</summary>
    public TimeSpan NodeMonitorPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// tolerationSeconds of the not-ready and unreachable tolerations every pod is given on create
    /// (the DefaultTolerationSeconds admission plugin's 300 s).
    /// </summary>
    public long DefaultTolerationSeconds { get; init; } = 300;

    /// <summary>The scheduler's latency and retry backoff; null runs no scheduler (pods stay Pending).</summary>
    public Scheduling.SchedulerOptions? Scheduler { get; init; } = new();

    /// <summary>The kubelets' latencies (image pull, container start, readiness, stop); null runs no kubelet.</summary>
    public Kubelet.KubeletOptions? Kubelet { get; init; } = Simulation.Kubelet.KubeletOptions.Instant;

    /// <summary>What `up` runs: a real cluster's pace (scheduling, pulls and starts take a moment).</summary>
    public static SimulationOptions Realistic { get; } = new()
    {
        Scheduler = Scheduling.SchedulerOptions.Realistic,
        Kubelet = Simulation.Kubelet.KubeletOptions.Realistic,
    };

    /// <summary>Options that make sense, or the reason they do not (one line, for a command-line error).</summary>
    public string? Problem() =>
        NodeCount is < 0 or > MaxNodes ? $"the node count must be 0 to {MaxNodes}, got {NodeCount}"
        : ZoneCount is < 1 or > 26 ? $"the zone count must be 1 to 26, got {ZoneCount}"
        : LeaseRenewInterval <= TimeSpan.Zero ? "the lease renew interval must be positive"
        : NodeMonitorGracePeriod <= LeaseRenewInterval ? "the node monitor grace period must be longer than the lease renew interval"
        : NodeMonitorPeriod <= TimeSpan.Zero ? "the node monitor period must be positive"
        : DefaultTolerationSeconds < 0 ? "the default toleration seconds must not be negative"
        : null;
}
