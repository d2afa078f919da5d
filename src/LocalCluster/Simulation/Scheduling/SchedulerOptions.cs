namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>How the simulated kube-scheduler paces itself.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Time between deciding a pod's node and binding it (the scheduling cycle a real scheduler spends).</summary>
    public TimeSpan SchedulingLatency { get; init; } = TimeSpan.Zero;

    /// <summary>First retry delay for a pod that did not fit; doubles per attempt up to <see cref="MaxBackoff"/> (kube-scheduler: 1 s, 10 s).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An unschedulable pod is retried after this long even if nothing in the cluster changed (kube-scheduler: 5 min).</summary>
    public TimeSpan UnschedulableRetry { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bindings written at once; the scheduling loop waits when this many are under way.</summary>
    public int MaxConcurrentBindings { get; init; } = 64;

    /// <summary>Record a Normal "Scheduled" event per bound pod, as kube-scheduler does (benchmarks may turn it off).</summary>
    public bool RecordScheduledEvents { get; init; } = true;

    /// <summary>Pacing close to a real cluster's, for `up`.</summary>
    public static SchedulerOptions Realistic { get; } = new() { SchedulingLatency = TimeSpan.FromMilliseconds(20) };
}
