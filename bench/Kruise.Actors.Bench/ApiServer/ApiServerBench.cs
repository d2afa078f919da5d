using k8s;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>One store's figures: every phase in the order it ran, and how many watch events arrived of those expected.</summary>
public sealed record StoreRun(string Store, IReadOnlyList<PhaseResult> Phases, long WatchEventsExpected, long WatchEventsReceived);

public sealed record ApiServerReport(string Benchmark, string Command, DateTimeOffset At, MachineInfo Machine, ApiServerOptions Parameters, IReadOnlyList<StoreRun> Runs);

/// <summary>
/// The embedded API server's physical limit: creates/s, updates/s, watch fan-out latency and list
/// latency for N pods, over real HTTPS with the real KubernetesClient, once per store (SQLite and
/// in memory). Client and server share this process, so CPU seconds cover both.
/// </summary>
public static class ApiServerBench
{
    private const int WarmupPods = 300;
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(30);
    private const int SettledJitCount = 20;

    public static async Task<int> Execute(BenchArgs args)
    {
        var options = ApiServerOptions.From(args);
        var report = await Run(options, Console.Out).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(Render(report)).ConfigureAwait(false);
        if (options.OutputPath is { } path)
        {
            await BenchReport.Write(path, report).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"results: {path}").ConfigureAwait(false);
        }
        return report.Runs.All(r => r.WatchEventsReceived == r.WatchEventsExpected) ? 0 : 1;
    }

    public static async Task<ApiServerReport> Run(ApiServerOptions options, TextWriter progress)
    {
        var machine = MachineInfo.Current();
        var runs = new List<StoreRun>();
        foreach (var store in options.Stores)
            runs.Add(await RunStore(store, options, progress).ConfigureAwait(false));
        return new ApiServerReport("apiserver", options.Command, DateTimeOffset.UtcNow, machine, options, runs);
    }

    private static async Task<StoreRun> RunStore(string store, ApiServerOptions options, TextWriter progress)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kruise-actors-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = folder, Port = 0, InMemory = store == "memory" }).ConfigureAwait(false);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));

            await WarmUp(client, server.Token, store, options, progress).ConfigureAwait(false);
            var results = new List<PhaseResult>();
            var (expected, received) = await Phases(client, server.Token, "bench", options, phase =>
            {
                results.Add(phase);
                progress.WriteLine($"[{store}] {phase.Name}: {ResultTable.Number(phase.PerSecond)}/s");
            }).ConfigureAwait(false);
            return new StoreRun(store, results, expected, received);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    /// <summary>
    /// The same phases, smaller and in namespaces of their own, until the JIT's tiering has
    /// settled (a round compiles almost nothing new): on a busy 2-core machine the background
    /// compiler otherwise still competes with the measured phases for tens of seconds.
    /// </summary>
    private static async Task WarmUp(Kubernetes client, string token, string store, ApiServerOptions options, TextWriter progress)
    {
        var round = options with { Pods = Math.Min(options.Pods, WarmupPods), Watchers = Math.Min(options.Watchers, 2), ListRepeats = 2 };
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; ; i++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await Phases(client, token, $"warmup-{i}", round, _ => { }).ConfigureAwait(false);
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            var settled = compiled < SettledJitCount;
            await progress.WriteLineAsync($"[{store}] warm-up round {i}: {compiled} methods compiled{(settled ? ", settled" : "")}").ConfigureAwait(false);
            if (settled || options.Smoke || started.Elapsed > MaxWarmup)
                return;
        }
    }

    private static async Task<(long Expected, long Received)> Phases(Kubernetes client, string token, string ns, ApiServerOptions options, Action<PhaseResult> record)
    {
        var pods = new PodWorkload(client, ns, options.Pods, options.Concurrency);
        await pods.CreateNamespace().ConfigureAwait(false);
        Settle();
        record(await pods.Create().ConfigureAwait(false));
        Settle();
        record(await pods.Update().ConfigureAwait(false));
        Settle();
        record(await pods.UpdateStatus().ConfigureAwait(false));
        Settle();
        var fanout = new WatchFanout(client, token, ns, options.Pods, options.Watchers, options.Concurrency);
        long expected = 0, received = 0;
        foreach (var rate in new int?[] { null, options.WatchRate })
        {
            var outcome = await fanout.Run(rate).ConfigureAwait(false);
            record(outcome.Writes);
            record(outcome.FromSend);
            record(outcome.FromAck);
            (expected, received) = (expected + outcome.Expected, received + outcome.Received);
            Settle();
        }
        record(await pods.List(options.ListRepeats).ConfigureAwait(false));
        return (expected, received);
    }

    // Garbage left by one phase is collected before the next, not during it.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    public static string Render(ApiServerReport report)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"command: {report.Command}");
        foreach (var line in report.Machine.Lines())
            text.AppendLine(line);
        var p = report.Parameters;
        text.AppendLine($"pods: {p.Pods}, watchers: {p.Watchers}, concurrency: {p.Concurrency}, paced watch rate: {p.WatchRate}/s, lists: {p.ListRepeats}");
        text.AppendLine();
        var table = new ResultTable("store", "phase", "ops", "seconds", "ops/s", "CPU s", "ops/CPU-s", "KB/op", "p50 ms", "p99 ms", "max ms");
        foreach (var run in report.Runs)
        {
            foreach (var phase in run.Phases)
            {
                var l = phase.Latency;
                table.Add(run.Store, phase.Name + (phase.Note is null ? "" : $" ({phase.Note})"), phase.Operations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ResultTable.Number(phase.Seconds), ResultTable.Number(phase.PerSecond), ResultTable.Number(phase.CpuSeconds), ResultTable.Number(phase.PerCpuSecond), ResultTable.Number(phase.KilobytesPerOperation),
                    l is null ? "" : ResultTable.Number(l.P50), l is null ? "" : ResultTable.Number(l.P99), l is null ? "" : ResultTable.Number(l.Max));
            }
        }
        text.Append(table);
        return text.ToString();
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
