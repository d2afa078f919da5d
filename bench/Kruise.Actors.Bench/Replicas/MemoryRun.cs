using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>
/// One replica's working set (resident memory, what a container limit counts) after a warm-up, and
/// with N more pods managed: N more Pod entities live (kruise_actors_entities), the pods in its watch caches.
/// </summary>
public sealed record MemoryRun(int Pods, long PodEntities, long WorkingSetBeforeBytes, long WorkingSetAfterBytes, double CpuSeconds)
{
    public double BeforeMiB => WorkingSetBeforeBytes / 1024.0 / 1024.0;
    public double AfterMiB => WorkingSetAfterBytes / 1024.0 / 1024.0;
    public double KiBPerPodEntity => PodEntities > 0 ? (WorkingSetAfterBytes - WorkingSetBeforeBytes) / 1024.0 / PodEntities : 0;
}

public static class MemoryMeasurement
{
    private const string Name = "web";

    // Memory is the figure here, not speed: a high write limit only makes the scale-out quick.
    private static readonly WriteLimit Fast = new(2_000);

    public static async Task<MemoryRun> Run(PostgresServer postgres, ReplicasBenchOptions options, TextWriter progress)
    {
        var pods = options.MemoryPods;
        var nodes = Math.Clamp((pods + 99) / 100 + 1, 3, SimulationOptions.MaxNodes);
        await using var cluster = await ReplicaCluster.Start(postgres, nodes, new SimulationOptions(), options.Timeout).ConfigureAwait(false);
        await cluster.StartReplicas(1, Fast, options.Timeout).ConfigureAwait(false);
        await cluster.WarmUp(options.Timeout).ConfigureAwait(false);
        var replica = cluster.Replicas[0];

        var before = await Settled(replica).ConfigureAwait(false);
        var entitiesBefore = (await replica.Scrape().ConfigureAwait(false)).Of("Pod");
        await progress.WriteLineAsync($"[memory] warmed-up replica, {entitiesBefore} Pod entities: {Mib(before)} MiB").ConfigureAwait(false);
        await cluster.CreateCloneSet(Name, pods, "20%").ConfigureAwait(false);
        await cluster.WaitDone(cluster.Progress, ReplicaCluster.OldImage, pods, options.Timeout).ConfigureAwait(false);
        var entities = await PodEntities(replica, entitiesBefore + pods, options.Timeout).ConfigureAwait(false) - entitiesBefore;
        var after = await Settled(replica).ConfigureAwait(false);
        var run = new MemoryRun(pods, entities, before, after, replica.CpuSeconds());
        await progress.WriteLineAsync($"[memory] {entities} more Pod entities live: {Mib(after)} MiB").ConfigureAwait(false);
        return run;
    }

    /// <summary>Until the replica reports every pod's entity live (they start as the pods are observed).</summary>
    public static async Task<long> PodEntities(ReplicaProcess replica, long pods, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var live = (await replica.Scrape().ConfigureAwait(false)).Of("Pod");
            if (live >= pods || DateTime.UtcNow > deadline)
                return live;
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    // The working set a few seconds after the last change (journal writes and status updates drained),
    // the lowest of five samples a second apart: the GC returns freed memory over time, so one sample may still hold garbage.
    public static async Task<long> Settled(ReplicaProcess replica)
    {
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var lowest = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            lowest = Math.Min(lowest, replica.WorkingSetBytes());
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        return lowest;
    }

    private static string Mib(long bytes) => Harness.ResultTable.Number(bytes / 1024.0 / 1024.0);
}
