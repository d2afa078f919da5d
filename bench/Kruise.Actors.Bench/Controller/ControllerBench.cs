using System.Globalization;
using System.Text;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Bench.Replicas;
using Kruise.Actors.Bench.Rollout;

namespace Kruise.Actors.Bench.Controller;

public sealed record ControllerReport(
    string Benchmark, string Command, DateTimeOffset At, MachineInfo Machine, ControllerBenchOptions Parameters,
    RawRates? Raw, IReadOnlyList<ScaleOutRun> ScaleOuts, RolloutReport? Rollout, FootprintRun? Footprint, ReplicasReport? Replicas)
{
    /// <summary>Scale-out pods/s over the raw create rate (target at least 0.8).</summary>
    public double? FractionOfRawCreates(ScaleOutRun run) => Raw is { CreatesPerSecond: > 0 } raw ? run.PodsPerSecond / raw.CreatesPerSecond : null;
}

/// <summary>
/// Issue 8: the controller measured against the API server's own limit, in one run. The raw rates
/// of a plain client; CloneSet scale-out 0 -> N as a fraction of the raw create rate; in-place vs
/// ReCreate rollout (the rollout benchmark); the controller's CPU, peak memory and restart at
/// 10,000 pods (a `run` process of its own, SQLite journal); and, with --with-replicas, the 1/2/3
/// replica scaling of the replicas benchmark. Prints a summary against the targets, writes JSON and a PNG chart.
/// </summary>
public static class ControllerBench
{
    public static async Task<int> Execute(BenchArgs args)
    {
        var options = ControllerBenchOptions.From(args);
        var report = await Run(options, Console.Out).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(Render(report)).ConfigureAwait(false);
        if (options.OutputPath is { } path)
        {
            await BenchReport.Write(path, report).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"results: {path}").ConfigureAwait(false);
        }
        if (options.ChartPath is { } chart)
        {
            ControllerChart.Save(report, chart);
            await Console.Out.WriteLineAsync($"chart:   {chart}").ConfigureAwait(false);
        }
        return 0;
    }

    public static async Task<ControllerReport> Run(ControllerBenchOptions options, TextWriter progress)
    {
        var machine = MachineInfo.Current();
        var raw = options.Runs(ControllerBenchOptions.RawPart) ? await RawApiRates.Measure(options, progress).ConfigureAwait(false) : null;
        var scaleOuts = new List<ScaleOutRun>();
        if (options.Runs(ControllerBenchOptions.ScaleOutPart))
        {
            foreach (var size in options.ScaleOutSizes)
                scaleOuts.Add(await ScaleOutMeasurement.Run(options, size, progress).ConfigureAwait(false));
        }
        RolloutReport? rollout = null;
        if (options.Runs(ControllerBenchOptions.RolloutPart))
        {
            var rolloutOptions = (options.Smoke ? RolloutBenchOptions.SmokeDefaults : new RolloutBenchOptions()) with { Pods = options.RolloutPods, Command = options.Command };
            rollout = await RolloutBench.Run(rolloutOptions with { Nodes = Math.Max(rolloutOptions.Nodes, ControllerBenchOptions.NodesFor(options.RolloutPods)) }, progress)
                .ConfigureAwait(false);
        }
        var footprint = options.Runs(ControllerBenchOptions.FootprintPart) ? await FootprintMeasurement.Run(options, progress).ConfigureAwait(false) : null;
        ReplicasReport? replicas = null;
        if (options.Runs(ControllerBenchOptions.ReplicasPart))
        {
            var replicasOptions = (options.Smoke ? ReplicasBenchOptions.SmokeDefaults : new ReplicasBenchOptions()) with
            {
                Parts = [ReplicasBenchOptions.ThroughputPart],
                Limits = [new WriteLimit(50)],
                Command = options.Command,
            };
            replicas = await ReplicasBench.Run(replicasOptions, progress).ConfigureAwait(false);
        }
        return new ControllerReport("controller", options.Command, DateTimeOffset.UtcNow, machine, options, raw, scaleOuts, rollout, footprint, replicas);
    }

    public static string Render(ControllerReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"command: {report.Command}");
        foreach (var line in report.Machine.Lines())
            text.AppendLine(line);
        text.AppendLine("API server, simulated nodes (instant latencies but for the rollout part) and the benchmark's client in this process; " +
            $"the controller as `kruise-actors run` (SQLite journal, --api-qps {N(report.Parameters.ControllerQps)}) in a process of its own but for the rollout part.");
        text.AppendLine();
        var summary = new ResultTable("figure", "size", "measured", "target", "met");
        foreach (var row in Summary(report))
            summary.Add(row.Figure, row.Size, row.Measured, row.Target, row.Met);
        text.Append(summary);

        if (report.ScaleOuts.Count > 0)
        {
            text.AppendLine();
            var table = new ResultTable("CloneSet 0 -> N", "nodes", "Ready after s", "pods/s", "of raw creates", "bare pods/s", "of bare pods", "writes/pod", "controller CPU s", "server CPU s",
                "in-place rollout s", "rollout writes/pod", "journal events/pod update");
            foreach (var run in report.ScaleOuts)
            {
                table.Add(I(run.Pods), I(run.Nodes), N(run.ScaleOutSeconds), N(run.PodsPerSecond), Percent(report.FractionOfRawCreates(run)), N(run.BarePodsPerSecond),
                    Percent(run.FractionOfBarePods), N(run.ScaleOutWritesPerPod),
                    N(run.ControllerCpuSeconds), N(run.ServerCpuSeconds), N(run.RolloutSeconds), N(run.RolloutWritesPerPod), N(run.JournalEventsPerPodUpdate));
            }
            text.Append(table);
            foreach (var run in report.ScaleOuts)
                text.AppendLine($"journal events of the {I(run.Pods)}-pod in-place rollout by entity kind: " + string.Join(", ", run.RolloutJournalEventsByKind.Select(p => $"{p.Key} {p.Value}")));
        }
        if (report.Rollout is { } rollout)
        {
            text.AppendLine();
            text.Append(RolloutBench.Render(rollout));
        }
        if (report.Replicas is { } replicas)
        {
            text.AppendLine();
            text.Append(ReplicasBench.Render(replicas));
        }
        return text.ToString();
    }

    public sealed record SummaryRow(string Figure, string Size, string Measured, string Target, string Met);

    public static IEnumerable<SummaryRow> Summary(ControllerReport report)
    {
        if (report.Raw is { } raw)
        {
            yield return new SummaryRow("API server raw creates/s (plain client, 32 in flight)", I(raw.Pods), N(raw.CreatesPerSecond), "the limit", "");
            yield return new SummaryRow("API server raw merge patches/s", I(raw.Pods), N(raw.PatchesPerSecond), "the limit", "");
        }
        foreach (var run in report.ScaleOuts)
        {
            var fraction = report.FractionOfRawCreates(run);
            yield return new SummaryRow("CloneSet scale-out, pods Ready/s (of raw creates/s)", I(run.Pods), $"{N(run.PodsPerSecond)} ({Percent(fraction)})", ">= 80 %", Met(fraction >= 0.8));
            yield return new SummaryRow("bare pods Ready/s, no controller (scale-out's share of it)", I(run.Pods), $"{N(run.BarePodsPerSecond)} ({Percent(run.FractionOfBarePods)})", "", "");
            yield return new SummaryRow("journal events per pod updated in place", I(run.Pods), N(run.JournalEventsPerPodUpdate), "", "");
        }
        if (report.Rollout is { } rollout && rollout.Runs.Count == 2)
        {
            var inPlace = rollout.Runs[0];
            yield return new SummaryRow("rollout wall time, in place / ReCreate", I(inPlace.Pods), N(rollout.Ratio), "<= 0.3", Met(rollout.Ratio <= 0.3));
            yield return new SummaryRow("controller API writes per pod, in place", I(inPlace.Pods), N(inPlace.WritesPerPod), "<= 3", Met(inPlace.WritesPerPod <= 3));
            yield return new SummaryRow("pods whose IP changed, in place", I(inPlace.Pods), I(inPlace.Pods - inPlace.PodsKeptIp), "0", Met(inPlace.PodsKeptIp == inPlace.Pods));
        }
        if (report.Footprint is { } footprint)
        {
            yield return new SummaryRow("controller peak memory (working set)", I(footprint.Pods), $"{N(footprint.PeakMiB)} MiB", "<= 300 MiB", Met(footprint.PeakMiB <= 300));
            yield return new SummaryRow("controller CPU seconds for the scale-out", I(footprint.Pods), N(footprint.ControllerCpuSeconds), "", "");
            yield return new SummaryRow("restart until every Pod entity is live", I(footprint.Pods), $"{N(footprint.RestartEntitiesSeconds)} s", "< 10 s",
                Met(footprint.RestartEntitiesSeconds < 10 && footprint.PodEntitiesAfterRestart >= footprint.PodEntities));
            yield return new SummaryRow("API writes by the restarted controller", I(footprint.Pods), I(footprint.WritesAfterRestart), "", "");
        }
        if (report.Replicas is { } replicas)
        {
            foreach (var scaling in replicas.Scaling)
            {
                yield return new SummaryRow($"rollout throughput with {scaling.Replicas} replicas / 1 ({scaling.Limit})", I(replicas.Parameters.Pods), $"{N(scaling.RolloutRatio)}x",
                    scaling.Target is { } t ? $">= {N(t)}x" : "", scaling.Target is { } target ? Met(scaling.RolloutRatio >= target) : "");
            }
        }
    }

    private static string Met(bool met) => met ? "yes" : "no";
    private static string N(double value) => double.IsNaN(value) ? "n/a" : ResultTable.Number(value);
    private static string I(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    private static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "n/a";
}
