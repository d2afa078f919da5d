using System.Diagnostics;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Bench.Replicas;
using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Bench.Controller;

/// <summary>
/// One `run` process holding N pods (CloneSets of at most 1,000): its CPU seconds for the scale-out,
/// its peak and settled working set, and how long a restart on the same journal takes until every
/// Pod entity is live again, with the API writes the restarted controller made (none are needed).
/// </summary>
public sealed record FootprintRun(
    int Pods, int CloneSets, double ScaleOutSeconds, double ControllerCpuSeconds, long PeakWorkingSetBytes, long SettledWorkingSetBytes, long PodEntities,
    double RestartReadySeconds, double RestartEntitiesSeconds, long PodEntitiesAfterRestart, long WritesAfterRestart)
{
    public double PeakMiB => PeakWorkingSetBytes / 1024.0 / 1024.0;
    public double SettledMiB => SettledWorkingSetBytes / 1024.0 / 1024.0;
}

public static class FootprintMeasurement
{
    private const int PerCloneSet = 1_000;

    // How long the restarted controller is watched for writes once its entities are back.
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    public static async Task<FootprintRun> Run(ControllerBenchOptions options, TextWriter progress)
    {
        var pods = options.FootprintPods;
        var nodes = ControllerBenchOptions.NodesFor(pods);
        var limit = new WriteLimit(options.ControllerQps);
        await using var cluster = await ReplicaCluster.StartOnSqlite(nodes, new SimulationOptions(), options.Timeout).ConfigureAwait(false);
        await cluster.StartReplicas(1, limit, options.Timeout).ConfigureAwait(false);
        await cluster.WarmUp(options.Timeout).ConfigureAwait(false);
        var replica = cluster.Replicas[0];
        var entitiesBefore = (await replica.Scrape().ConfigureAwait(false)).Of("Pod");

        var sizes = Enumerable.Range(0, (pods + PerCloneSet - 1) / PerCloneSet).Select(i => Math.Min(PerCloneSet, pods - i * PerCloneSet)).ToList();
        var cpu = replica.CpuSeconds();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(sizes.Select((size, i) => cluster.CreateCloneSet($"web-{i}", size, "20%"))).ConfigureAwait(false);
        var done = await cluster.WaitDone(cluster.Progress, ReplicaCluster.OldImage, pods, options.Timeout).ConfigureAwait(false);
        var scaleOut = Stopwatch.GetElapsedTime(start, done).TotalSeconds;
        var entities = await MemoryMeasurement.PodEntities(replica, entitiesBefore + pods, options.Timeout).ConfigureAwait(false) - entitiesBefore;
        var cpuUsed = replica.CpuSeconds() - cpu;
        var settled = await MemoryMeasurement.Settled(replica).ConfigureAwait(false);
        var peak = replica.PeakWorkingSetBytes();
        await progress.WriteLineAsync($"[footprint {pods}] Ready in {ResultTable.Number(scaleOut)} s; controller {ResultTable.Number(cpuUsed)} CPU s, " +
            $"peak {ResultTable.Number(peak / 1048576.0)} MiB, settled {ResultTable.Number(settled / 1048576.0)} MiB, {entities} Pod entities").ConfigureAwait(false);

        // A rolling restart: SIGTERM, then a new process on the same journal; timed from its start.
        await replica.Stop(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var restartedAt = Stopwatch.GetTimestamp();
        var restarted = ReplicaProcess.Start(0, cluster.Server.KubeconfigPath, cluster.Journal, ReplicaProcess.FreePort(), limit);
        cluster.Replicas[0] = restarted;
        await replica.DisposeAsync().ConfigureAwait(false);
        await restarted.WaitReady(options.Timeout).ConfigureAwait(false);
        var ready = Stopwatch.GetElapsedTime(restartedAt).TotalSeconds;
        var live = await MemoryMeasurement.PodEntities(restarted, entitiesBefore + pods, options.Timeout).ConfigureAwait(false);
        var recovered = Stopwatch.GetElapsedTime(restartedAt).TotalSeconds;
        var restartCpu = restarted.CpuSeconds();
        await Task.Delay(Quiet).ConfigureAwait(false);
        var writesAfter = (await restarted.Scrape().ConfigureAwait(false)).ApiWrites;
        await progress.WriteLineAsync($"[footprint {pods}] restarted: ready after {ResultTable.Number(ready)} s, {live} Pod entities live after {ResultTable.Number(recovered)} s " +
            $"({ResultTable.Number(restartCpu)} CPU s), {writesAfter} API writes by then and {Quiet.TotalSeconds:0} s later").ConfigureAwait(false);
        return new FootprintRun(pods, sizes.Count, scaleOut, cpuUsed, peak, settled, entities, ready, recovered, live, writesAfter);
    }
}
