using System.Diagnostics;
using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>
/// An in-place rollout across 3 replicas with one of them killed (SIGKILL) part-way. "Resumed" is
/// the first pod whose update had not begun at the kill (neither marked InPlaceUpdateReady=False
/// nor its spec changed) and begins once the CloneSet entity is back on a survivor: work the
/// survivors had to take over, not work already under way or asked for just before the kill.
/// </summary>
public sealed record FailoverRun(
    int Replicas, int Pods, string MaxUnavailable, int KilledReplica, long KilledPodEntities, long KilledCloneSetEntities, bool KilledSeed,
    int PodsUpdatedAtKill, int PodsStartedAtKill, double? CloneSetEntityBackSeconds, double? ResumeStartSeconds, double? ResumeSeconds, double? CompleteSeconds, double LongestStallSeconds,
    double RolloutSeconds, string? Problem)
{
    /// <summary>Target: the rollout progresses again within 10 s of the kill.</summary>
    public const double TargetSeconds = 10;
}

public static class FailoverMeasurement
{
    private const int ReplicaCount = 3;
    private const string Name = "web";
    private const string MaxUnavailable = "10%";

    public static async Task<FailoverRun> Run(PostgresServer postgres, ReplicasBenchOptions options, TextWriter progress)
    {
        var pods = options.FailoverPods;
        // A real cluster's pace (pulls, restarts, readiness take a moment), so the rollout is still under way at the kill.
        await using var cluster = await ReplicaCluster.Start(postgres, Math.Max(3, (pods + 99) / 100), SimulationOptions.Realistic, options.Timeout).ConfigureAwait(false);
        await cluster.StartReplicas(ReplicaCount, WriteLimit.Default, options.Timeout).ConfigureAwait(false);
        // No warm-up here: its CloneSets would hide which replica holds the measured one's entity
        // (the CloneSet entity count says it), and the scale-out before the rollout warms up anyway.

        await cluster.CreateCloneSet(Name, pods, MaxUnavailable).ConfigureAwait(false);
        await cluster.WaitDone(cluster.Progress, ReplicaCluster.OldImage, pods, options.Timeout).ConfigureAwait(false);
        await progress.WriteLineAsync($"[failover] {pods} pods Ready on {ReplicaCount} replicas").ConfigureAwait(false);

        var start = Stopwatch.GetTimestamp();
        await cluster.RollOut(Name, ReplicaCluster.NewImage).ConfigureAwait(false);
        await cluster.WaitDone(cluster.Progress, ReplicaCluster.NewImage, Math.Max(1, pods / 4), options.Timeout).ConfigureAwait(false);

        // The replica whose loss stalls the rollout: the one holding the CloneSet's entity, then the most entities.
        var metrics = await Task.WhenAll(cluster.Replicas.Select(r => r.Scrape())).ConfigureAwait(false);
        var victim = Enumerable.Range(0, metrics.Length).OrderByDescending(i => metrics[i].Of("CloneSet")).ThenByDescending(i => metrics[i].Entities).First();
        var startedAtKill = Begun(cluster.Progress).Keys.ToHashSet(StringComparer.Ordinal);
        var updatedAtKill = cluster.Progress.DoneCount(ReplicaCluster.NewImage);
        var killedAt = Stopwatch.GetTimestamp();
        cluster.Replicas[victim].KillHard();
        await progress.WriteLineAsync($"[failover] {DateTime.UtcNow:HH:mm:ss.fff} UTC killed replica {victim} (pid {cluster.Replicas[victim].ProcessId}, {metrics[victim].Of("CloneSet")} CloneSet and {metrics[victim].Of("Pod")} Pod entities) with {updatedAtKill} of {pods} pods updated")
            .ConfigureAwait(false);

        using var stopWatching = new CancellationTokenSource();
        var entityBack = CloneSetEntityBack(cluster.Replicas.Where((_, i) => i != victim).ToList(), killedAt, stopWatching.Token);
        string? problem = null;
        try
        {
            await cluster.WaitDone(cluster.Progress, ReplicaCluster.NewImage, pods, options.Timeout).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            problem = e.Message;
        }
        await stopWatching.CancelAsync().ConfigureAwait(false);
        var cloneSetBack = await entityBack.ConfigureAwait(false);
        var started = Begun(cluster.Progress);
        var done = cluster.Progress.Done(ReplicaCluster.NewImage);
        double? SinceKill(IEnumerable<long> stamps) => stamps.Any() ? Stopwatch.GetElapsedTime(killedAt, stamps.Min()).TotalSeconds : null;
        // A request the CloneSet entity sent just before the kill can still reach a surviving pod
        // entity and begin an update a moment after it; only what begins once the entity is back on
        // a survivor is work taken over (if it was never seen back, every new update counts).
        var backAt = cloneSetBack is { } back ? killedAt + (long)(back * Stopwatch.Frequency) : killedAt;
        var resumeStart = SinceKill(started.Where(p => !startedAtKill.Contains(p.Key) && p.Value >= backAt).Select(p => p.Value));
        var resume = SinceKill(done.Where(p => !startedAtKill.Contains(p.Key) && started.TryGetValue(p.Key, out var began) && began >= backAt).Select(p => p.Value));
        // The longest time after the kill with no pod finishing its update: where the rollout waited on the lost replica's work.
        var finishes = done.Values.Where(t => t > killedAt).Order().Prepend(killedAt).Append(problem is null ? done.Values.Max() : Stopwatch.GetTimestamp()).ToList();
        var stall = finishes.Zip(finishes.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).DefaultIfEmpty(0).Max();
        var complete = problem is null ? Stopwatch.GetElapsedTime(killedAt, done.Values.Max()).TotalSeconds : (double?)null;
        var rollout = Stopwatch.GetElapsedTime(start, done.Count > 0 ? done.Values.Max() : Stopwatch.GetTimestamp()).TotalSeconds;
        await progress.WriteLineAsync($"[failover] CloneSet entity back {Format(cloneSetBack)} s, first new update began {Format(resumeStart)} s and finished {Format(resume)} s after the kill, rolled out {Format(complete)} s after it (longest stall {Format(stall)} s)").ConfigureAwait(false);
        return new FailoverRun(ReplicaCount, pods, MaxUnavailable, victim, metrics[victim].Of("Pod"), metrics[victim].Of("CloneSet"), victim == 0,
            updatedAtKill, startedAtKill.Count, cloneSetBack, resumeStart, resume, complete, stall, rollout, problem);
    }

    /// <summary>Seconds from the kill until a survivor's /metrics counts the CloneSet entity (restarted there); null if never.</summary>
    private static async Task<double?> CloneSetEntityBack(IReadOnlyList<ReplicaProcess> survivors, long killedAt, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var survivor in survivors)
            {
                try
                {
                    if ((await survivor.Scrape().ConfigureAwait(false)).Of("CloneSet") > 0)
                        return Stopwatch.GetElapsedTime(killedAt).TotalSeconds;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A replica busy taking over may not answer in time; ask again.
                }
            }
            try
            {
                await Task.Delay(100, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return null;
    }

    // An in-place update has begun once the pod is marked not ready for it, or (a step later) its spec asks for the new image.
    private static Dictionary<string, long> Begun(PodProgress progress)
    {
        var begun = new Dictionary<string, long>(progress.Started(ReplicaCluster.NewImage), StringComparer.Ordinal);
        foreach (var (pod, at) in progress.MarkedNotReady())
            begun[pod] = begun.TryGetValue(pod, out var spec) ? Math.Min(spec, at) : at;
        return begun;
    }

    public static string Format(double? seconds) => seconds is { } s ? Harness.ResultTable.Number(s) : "n/a";
}
