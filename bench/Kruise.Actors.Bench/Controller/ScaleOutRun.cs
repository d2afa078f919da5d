using System.Diagnostics;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Bench.Replicas;
using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Bench.Controller;

/// <summary>
/// One CloneSet scaled out 0 -> N (time until every pod is Running and Ready; first, on a cluster
/// of its own, the same number of bare pods without a controller), then rolled out in
/// place to a new image (instant simulated latencies, so the controller and the API server are what
/// take time). Writes are the controller's own, counted by its /metrics; journal events are read
/// from its SQLite journal.
/// </summary>
public sealed record ScaleOutRun(
    int Pods, int Nodes, double ScaleOutSeconds, double ScaleOutWritesPerPod, double ControllerCpuSeconds, double ServerCpuSeconds,
    double RolloutSeconds, double RolloutWritesPerPod, double JournalEventsPerPodUpdate, IReadOnlyDictionary<string, long> RolloutJournalEventsByKind,
    double BarePodsPerSecond)
{
    public double PodsPerSecond => ScaleOutSeconds > 0 ? Pods / ScaleOutSeconds : 0;

    /// <summary>Scale-out pods/s over bare pods' (<see cref="BarePods"/>): what the controller costs on the way to Ready.</summary>
    public double? FractionOfBarePods => BarePodsPerSecond > 0 ? PodsPerSecond / BarePodsPerSecond : null;
}

public static class ScaleOutMeasurement
{
    public const string Name = "web";

    // Time for the final status writes and events of a phase to land before its writes are counted.
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(2);

    public static async Task<ScaleOutRun> Run(ControllerBenchOptions options, int pods, TextWriter progress)
    {
        var bare = await BarePods.ReadyPerSecond(options, pods, progress).ConfigureAwait(false);
        var nodes = ControllerBenchOptions.NodesFor(pods);
        await using var cluster = await ReplicaCluster.StartOnSqlite(nodes, new SimulationOptions(), options.Timeout).ConfigureAwait(false);
        await cluster.StartReplicas(1, new WriteLimit(options.ControllerQps), options.Timeout).ConfigureAwait(false);
        await cluster.WarmUp(options.Timeout).ConfigureAwait(false);
        var replica = cluster.Replicas[0];

        var writes = (await replica.Scrape().ConfigureAwait(false)).ApiWrites;
        var cpu = replica.CpuSeconds();
        var serverCpu = ReplicaCluster.ServerCpuSeconds();
        var start = Stopwatch.GetTimestamp();
        await cluster.CreateCloneSet(Name, pods, "20%").ConfigureAwait(false);
        var done = await cluster.WaitDone(cluster.Progress, ReplicaCluster.OldImage, pods, options.Timeout).ConfigureAwait(false);
        var scaleOut = Stopwatch.GetElapsedTime(start, done).TotalSeconds;
        var cpuUsed = replica.CpuSeconds() - cpu;
        var serverCpuUsed = ReplicaCluster.ServerCpuSeconds() - serverCpu;
        await Task.Delay(Drain).ConfigureAwait(false);
        var scaleOutWrites = (await replica.Scrape().ConfigureAwait(false)).ApiWrites - writes;
        await progress.WriteLineAsync($"[scale-out {pods}] Running and Ready in {ResultTable.Number(scaleOut)} s ({ResultTable.Number(pods / scaleOut)} pods/s), " +
            $"{ResultTable.Number((double)scaleOutWrites / pods)} controller writes/pod").ConfigureAwait(false);

        var journalBefore = await JournalCount.ByKind(cluster.Journal).ConfigureAwait(false);
        writes = (await replica.Scrape().ConfigureAwait(false)).ApiWrites;
        start = Stopwatch.GetTimestamp();
        await cluster.RollOut(Name, ReplicaCluster.NewImage).ConfigureAwait(false);
        done = await cluster.WaitDone(cluster.Progress, ReplicaCluster.NewImage, pods, options.Timeout).ConfigureAwait(false);
        var rollout = Stopwatch.GetElapsedTime(start, done).TotalSeconds;
        await Task.Delay(Drain).ConfigureAwait(false);
        var rolloutWrites = (await replica.Scrape().ConfigureAwait(false)).ApiWrites - writes;
        var journalAfter = await JournalCount.ByKind(cluster.Journal).ConfigureAwait(false);
        var eventsByKind = journalAfter.ToDictionary(p => p.Key, p => p.Value - journalBefore.GetValueOrDefault(p.Key), StringComparer.Ordinal);
        var perUpdate = (double)eventsByKind.Values.Sum() / pods;
        await progress.WriteLineAsync($"[scale-out {pods}] rolled out in place in {ResultTable.Number(rollout)} s, {ResultTable.Number((double)rolloutWrites / pods)} writes/pod, " +
            $"{ResultTable.Number(perUpdate)} journal events/pod").ConfigureAwait(false);
        return new ScaleOutRun(pods, nodes, scaleOut, (double)scaleOutWrites / pods, cpuUsed, serverCpuUsed, rollout, (double)rolloutWrites / pods, perUpdate, eventsByKind, bare);
    }
}
