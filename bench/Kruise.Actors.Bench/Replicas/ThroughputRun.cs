using System.Diagnostics;
using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>One replica's share of a phase: the entities it held at the end, its API writes and CPU seconds during the phase.</summary>
public sealed record ReplicaShare(int Replica, long PodEntities, long CloneSetEntities, long ApiWrites, double CpuSeconds);

/// <summary>One phase (scale-out or in-place rollout) of every pod, with what it used; MachineBusy is every process's share of the cores.</summary>
public sealed record PhaseFigures(double Seconds, long ApiWrites, double ServerCpuSeconds, double MachineBusy, IReadOnlyList<ReplicaShare> PerReplica)
{
    public double ReplicaCpuSeconds => PerReplica.Sum(r => r.CpuSeconds);
    public double WritesPerSecond => Seconds > 0 ? ApiWrites / Seconds : 0;
}

/// <summary>
/// Pods reconciled per second by N replicas with one write limit: every pod of C CloneSets created
/// (scale-out from nothing), then every pod updated in place to a new image.
/// </summary>
public sealed record ThroughputRun(string Limit, double QpsPerReplica, int Replicas, int Pods, int CloneSets, PhaseFigures ScaleOut, PhaseFigures Rollout, int Cores)
{
    public double ScaleOutPodsPerSecond => ScaleOut.Seconds > 0 ? Pods / ScaleOut.Seconds : 0;
    public double RolloutPodsPerSecond => Rollout.Seconds > 0 ? Pods / Rollout.Seconds : 0;

    /// <summary>The replicas' writes per second over what their limits allow (1 = at the limit).</summary>
    public double RolloutWriteLimitUse => Rollout.WritesPerSecond / (QpsPerReplica * Replicas);

    /// <summary>CPU seconds of the replicas and of this process (API server, simulation) per wall second, over the cores.</summary>
    public double RolloutCpuUse => Rollout.Seconds > 0 ? (Rollout.ReplicaCpuSeconds + Rollout.ServerCpuSeconds) / Rollout.Seconds / Cores : 0;

    /// <summary>
    /// What paced the rollout, read from the uses above: the replicas' write limit; else the cores,
    /// busy with the replicas and the API server, or with other work on the machine (then the figure
    /// says more about the machine than about the controller); else neither.
    /// </summary>
    public string Bound => RolloutWriteLimitUse >= 0.85 ? "write limit"
        : RolloutCpuUse >= 0.85 ? "CPU (controller + API server)"
        : Rollout.MachineBusy >= 0.9 ? "CPU (machine busy with other work)"
        : "neither (latency/serial work)";
}

public static class ThroughputMeasurement
{
    private const string MaxUnavailable = "20%";

    public static async Task<ThroughputRun> Run(PostgresServer postgres, ReplicasBenchOptions options, WriteLimit limit, int replicas, TextWriter progress)
    {
        var nodes = Math.Max(3, (options.Pods + 99) / 100 + 1);
        await using var cluster = await ReplicaCluster.Start(postgres, nodes, new SimulationOptions(), options.Timeout).ConfigureAwait(false);
        await cluster.StartReplicas(replicas, limit, options.Timeout).ConfigureAwait(false);
        await cluster.WarmUp(options.Timeout).ConfigureAwait(false);

        var sizes = Enumerable.Range(0, options.CloneSets).Select(i => options.Pods / options.CloneSets + (i < options.Pods % options.CloneSets ? 1 : 0)).ToArray();
        var before = await Measure(cluster).ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(sizes.Select((size, i) => cluster.CreateCloneSet(Name(i), size, MaxUnavailable))).ConfigureAwait(false);
        var last = await cluster.WaitDone(cluster.Progress, ReplicaCluster.OldImage, options.Pods, options.Timeout).ConfigureAwait(false);
        var scaleOut = await Phase(cluster, before, Stopwatch.GetElapsedTime(start, last).TotalSeconds).ConfigureAwait(false);
        await progress.WriteLineAsync($"[{limit.Name}, {replicas} replica(s)] {options.Pods} pods Ready in {Harness.ResultTable.Number(scaleOut.Seconds)} s").ConfigureAwait(false);

        // The last status and event writes of the scale-out belong to it, not to the rollout.
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        before = await Measure(cluster).ConfigureAwait(false);
        start = Stopwatch.GetTimestamp();
        await Task.WhenAll(sizes.Select((_, i) => cluster.RollOut(Name(i), ReplicaCluster.NewImage))).ConfigureAwait(false);
        last = await cluster.WaitDone(cluster.Progress, ReplicaCluster.NewImage, options.Pods, options.Timeout).ConfigureAwait(false);
        var rollout = await Phase(cluster, before, Stopwatch.GetElapsedTime(start, last).TotalSeconds).ConfigureAwait(false);
        await progress.WriteLineAsync($"[{limit.Name}, {replicas} replica(s)] {options.Pods} pods updated in place in {Harness.ResultTable.Number(rollout.Seconds)} s").ConfigureAwait(false);

        return new ThroughputRun(limit.Name, limit.EffectiveQps, replicas, options.Pods, options.CloneSets, scaleOut, rollout, Environment.ProcessorCount);
    }

    private static string Name(int index) => $"web-{index:D3}";

    private sealed record Snapshot(double ServerCpu, Harness.MachineCpu Machine, IReadOnlyList<(ReplicaMetrics Metrics, double Cpu)> Replicas);

    private static async Task<Snapshot> Measure(ReplicaCluster cluster)
    {
        var metrics = await Task.WhenAll(cluster.Replicas.Select(r => r.Scrape())).ConfigureAwait(false);
        return new Snapshot(ReplicaCluster.ServerCpuSeconds(), Harness.MachineCpu.Read(), [.. metrics.Select((m, i) => (m, cluster.Replicas[i].CpuSeconds()))]);
    }

    private static async Task<PhaseFigures> Phase(ReplicaCluster cluster, Snapshot before, double seconds)
    {
        var after = await Measure(cluster).ConfigureAwait(false);
        var shares = after.Replicas.Select((r, i) => new ReplicaShare(i, r.Metrics.Of("Pod"), r.Metrics.Of("CloneSet"),
            r.Metrics.ApiWrites - before.Replicas[i].Metrics.ApiWrites, r.Cpu - before.Replicas[i].Cpu)).ToList();
        return new PhaseFigures(seconds, shares.Sum(s => s.ApiWrites), after.ServerCpu - before.ServerCpu, after.Machine.BusySince(before.Machine), shares);
    }
}
