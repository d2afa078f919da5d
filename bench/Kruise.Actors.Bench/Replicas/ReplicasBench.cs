using System.Globalization;
using System.Text;
using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>Throughput at N replicas over throughput at 1, with the same write limit (targets: 1.7 at 2, 2.4 at 3).</summary>
public sealed record Scaling(string Limit, int Replicas, double ScaleOutRatio, double RolloutRatio, double? Target);

public sealed record ReplicasReport(
    string Benchmark, string Command, DateTimeOffset At, MachineInfo Machine, ReplicasBenchOptions Parameters, string Postgres, string Controller,
    IReadOnlyList<ThroughputRun> Throughput, IReadOnlyList<Scaling> Scaling, FailoverRun? Failover, MemoryRun? Memory);

/// <summary>
/// Issue 7's speed targets, with the controller as operators run it: `kruise-actors run` replicas in
/// processes of their own, joined into one Akka cluster on loopback, sharing a PostgreSQL journal,
/// against the embedded API server in this process (instant simulated latencies, so it is not what
/// paces the controller). Three parts: reconcile throughput at 1..N replicas with each write limit,
/// failover time after a kill -9 mid-rollout, and a replica's memory per Pod entity.
/// </summary>
public static class ReplicasBench
{
    public static async Task<int> Execute(BenchArgs args)
    {
        var options = ReplicasBenchOptions.From(args);
        var report = await Run(options, Console.Out).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(Render(report)).ConfigureAwait(false);
        if (options.OutputPath is { } path)
        {
            await BenchReport.Write(path, report).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"results: {path}").ConfigureAwait(false);
        }
        return report.Failover?.Problem is null ? 0 : 1;
    }

    public static async Task<ReplicasReport> Run(ReplicasBenchOptions options, TextWriter progress)
    {
        var machine = MachineInfo.Current();
        var controller = ReplicaProcess.HostDll();
        await using var postgres = await PostgresServer.Open(options.Postgres).ConfigureAwait(false);
        var throughput = new List<ThroughputRun>();
        if (options.Runs(ReplicasBenchOptions.ThroughputPart))
        {
            foreach (var limit in options.Limits)
            {
                foreach (var replicas in options.ReplicaCounts)
                    throughput.Add(await ThroughputMeasurement.Run(postgres, options, limit, replicas, progress).ConfigureAwait(false));
            }
        }
        var failover = options.Runs(ReplicasBenchOptions.FailoverPart) ? await FailoverMeasurement.Run(postgres, options, progress).ConfigureAwait(false) : null;
        var memory = options.Runs(ReplicasBenchOptions.MemoryPart) ? await MemoryMeasurement.Run(postgres, options, progress).ConfigureAwait(false) : null;
        return new ReplicasReport("replicas", options.Command, DateTimeOffset.UtcNow, machine, options, postgres.Description, controller,
            throughput, ScalingOf(throughput), failover, memory);
    }

    private static List<Scaling> ScalingOf(IReadOnlyList<ThroughputRun> runs) =>
    [
        .. runs.Where(r => r.Replicas > 1).Select(r => (Run: r, One: runs.FirstOrDefault(o => o.Limit == r.Limit && o.Replicas == 1)))
            .Where(p => p.One is not null)
            .Select(p => new Scaling(p.Run.Limit, p.Run.Replicas, Ratio(p.Run.ScaleOutPodsPerSecond, p.One!.ScaleOutPodsPerSecond),
                Ratio(p.Run.RolloutPodsPerSecond, p.One.RolloutPodsPerSecond), p.Run.Replicas switch { 2 => 1.7, 3 => 2.4, _ => null })),
    ];

    private static double Ratio(double value, double baseline) => baseline > 0 ? value / baseline : 0;

    public static string Render(ReplicasReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"command: {report.Command}");
        foreach (var line in report.Machine.Lines())
            text.AppendLine(line);
        text.AppendLine($"controller: {report.Controller} run --no-webhook, one process per replica, seeds on loopback");
        text.AppendLine($"journal:    PostgreSQL, {report.Postgres}, a fresh database per measurement");
        text.AppendLine("api server: embedded, in this benchmark's process (in memory, instant simulated latencies except for failover)");
        text.AppendLine();
        if (report.Throughput.Count > 0)
            RenderThroughput(report, text);
        if (report.Failover is { } failover)
            RenderFailover(failover, text);
        if (report.Memory is { } memory)
            RenderMemory(memory, text);
        return text.ToString();
    }

    private static void RenderThroughput(ReplicasReport report, StringBuilder text)
    {
        var p = report.Parameters;
        text.AppendLine($"## Throughput: {p.Pods} pods in {p.CloneSets} CloneSets, created (scale-out) then updated in place (rollout)");
        text.AppendLine();
        var table = new ResultTable("write limit", "replicas", "scale-out s", "scale-out pods/s", "rollout s", "rollout pods/s", "rollout writes/s", "writes/s (each)",
            "of write limit", "CPU use of cores", "machine busy", "bound", "replica CPU s (each, rollout)", "API server CPU s", "Pod entities (each)");
        foreach (var run in report.Throughput)
        {
            table.Add(run.Limit, I(run.Replicas), N(run.ScaleOut.Seconds), N(run.ScaleOutPodsPerSecond), N(run.Rollout.Seconds), N(run.RolloutPodsPerSecond),
                N(run.Rollout.WritesPerSecond), string.Join(" / ", run.Rollout.PerReplica.Select(r => N(r.ApiWrites / run.Rollout.Seconds))), Percent(run.RolloutWriteLimitUse), Percent(run.RolloutCpuUse), Percent(run.Rollout.MachineBusy), run.Bound,
                string.Join(" / ", run.Rollout.PerReplica.Select(r => N(r.CpuSeconds))), N(run.Rollout.ServerCpuSeconds),
                string.Join(" / ", run.Rollout.PerReplica.Select(r => I(r.PodEntities))));
        }
        text.Append(table);
        text.AppendLine();
        var scaling = new ResultTable("write limit", "replicas", "scale-out ×", "rollout ×", "target ×", "rollout meets target");
        foreach (var s in report.Scaling)
        {
            scaling.Add(s.Limit, I(s.Replicas), N(s.ScaleOutRatio), N(s.RolloutRatio), s.Target is { } t ? N(t) : "",
                s.Target is { } target ? (s.RolloutRatio >= target ? "yes" : "no") : "");
        }
        text.Append(scaling);
        text.AppendLine("rollout columns: writes/s and CPU from the rollout phase; \"CPU use of cores\" = replicas + this process (API server, simulation) over the cores;");
        text.AppendLine("\"machine busy\" = every process on the machine (other work included). bound: \"write limit\" at >= 85% of N × --api-qps,");
        text.AppendLine("else \"CPU\" at >= 85% of the cores used by us, or >= 90% busy with other work on the machine.");
        text.AppendLine();
    }

    private static void RenderFailover(FailoverRun f, StringBuilder text)
    {
        text.AppendLine($"## Failover: {f.Replicas} replicas, in-place rollout of {f.Pods} pods (maxUnavailable {f.MaxUnavailable}, realistic latencies), kill -9 mid-rollout");
        text.AppendLine();
        var table = new ResultTable("killed replica", "its entities", "pods updated at kill", "CloneSet entity back s", "first new update begun s", "resumed s (first new pod updated)", "longest stall s", "rollout complete s", "target resume s", "met");
        table.Add($"{f.KilledReplica}{(f.KilledSeed ? " (seed, oldest)" : "")}", $"{f.KilledCloneSetEntities} CloneSet, {f.KilledPodEntities} Pod",
            $"{f.PodsUpdatedAtKill} (+{f.PodsStartedAtKill - f.PodsUpdatedAtKill} under way)", FailoverMeasurement.Format(f.CloneSetEntityBackSeconds),
            FailoverMeasurement.Format(f.ResumeStartSeconds),
            FailoverMeasurement.Format(f.ResumeSeconds), N(f.LongestStallSeconds), FailoverMeasurement.Format(f.CompleteSeconds), N(FailoverRun.TargetSeconds),
            f.ResumeSeconds is { } r ? (r < FailoverRun.TargetSeconds ? "yes" : "no") : "n/a");
        text.Append(table);
        text.AppendLine("CloneSet entity back = a survivor's /metrics counts the CloneSet entity (restarted from the journal there);");
        text.AppendLine("seconds from the kill; \"new\" = a pod whose update had not begun at the kill and begins once the CloneSet entity is back");
        text.AppendLine("(work the survivors had to take over, not a request sent just before the kill);");
        text.AppendLine("longest stall = the longest time after the kill with no pod finishing its update (pods whose work was on the killed replica wait that long).");
        if (f.Problem is { } problem)
            text.AppendLine($"FAILED: {problem}");
        text.AppendLine();
    }

    private static void RenderMemory(MemoryRun m, StringBuilder text)
    {
        text.AppendLine($"## Memory: one replica, {m.Pods} pods");
        text.AppendLine();
        var table = new ResultTable("pods", "Pod entities added", "working set before MiB", "working set with pods MiB", "difference MiB", "KiB per Pod entity");
        table.Add(I(m.Pods), I(m.PodEntities), N(m.BeforeMiB), N(m.AfterMiB), N(m.AfterMiB - m.BeforeMiB), N(m.KiBPerPodEntity));
        text.Append(table);
        text.AppendLine("working set = resident memory of the replica process (server GC), lowest of 5 samples after 3 s idle; \"before\" is after a warm-up");
        text.AppendLine("(8 pods scaled out and updated in place); per entity it includes the pod in the replica's watch cache and journal buffers.");
        text.AppendLine();
    }

    private static string N(double value) => ResultTable.Number(value);
    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
