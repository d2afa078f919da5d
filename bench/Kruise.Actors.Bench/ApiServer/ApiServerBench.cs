using k8s;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>One store's figures and where its server ran.</summary>
public sealed record StoreRun(string Store, string Server, IReadOnlyList<PhaseResult> Phases, long WatchEventsExpected, long WatchEventsReceived);

public sealed record ApiServerReport(string Benchmark, string Command, DateTimeOffset At, MachineInfo Machine, ApiServerOptions Parameters, string Client, IReadOnlyList<StoreRun> Runs)
{
    /// <summary>True when the server ran in a process of its own, with its own CPU and allocation figures.</summary>
    public bool Separate => Runs.Count > 0 && Runs.All(r => r.Phases.All(p => p.ServerCpuSeconds is not null));
}

/// <summary>
/// The embedded API server's physical limit: creates/s, updates/s, watch fan-out latency and list
/// latency for N pods, over real HTTPS with the real KubernetesClient, once per store (SQLite and
/// in memory). The server runs in a process of its own (this executable's `apiserver-serve`), so
/// its CPU time and allocations are measured apart from the client's; --in-process runs it here.
/// </summary>
public static class ApiServerBench
{
    private const int WarmupPods = 300;
    // A safety net only: with tiered compilation off, a round compiles only methods not called
    // before, so the rounds settle in two or three; under heavy load one round can take 30 s.
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(180);
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
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var client = "not pinned";
        nint? affinity = null;
        // The server's core is its own: the client runs on the others (when there are others).
        if (options.ServerCore is { } core && machine.Cores > 1 && OperatingSystem.IsLinux())
        {
            affinity = self.ProcessorAffinity;
            self.ProcessorAffinity = (nint)(((1L << machine.Cores) - 1) & ~(1L << core));
            client = $"pinned to every core but {core}";
        }
        try
        {
            var runs = new List<StoreRun>();
            foreach (var store in options.Stores)
                runs.Add(await RunStore(store, options, progress).ConfigureAwait(false));
            return new ApiServerReport("apiserver", options.Command, DateTimeOffset.UtcNow, machine, options, client, runs);
        }
        finally
        {
            if (affinity is { } before && OperatingSystem.IsLinux())
                self.ProcessorAffinity = before;
        }
    }

    private static async Task<StoreRun> RunStore(string store, ApiServerOptions options, TextWriter progress)
    {
        var folder = TempFolder.New("kruise-actors-bench-");
        try
        {
            await using var server = options.InProcess
                ? (IServerUnderTest)new InProcessServer(await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = folder, Port = 0, InMemory = store == "memory" }).ConfigureAwait(false))
                : await ServerProcess.Start(store, folder, options.ServerCore).ConfigureAwait(false);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath);
            using var client = new Kubernetes(config);
            var target = new Target(client, server, config.AccessToken);
            await progress.WriteLineAsync($"[{store}] server: {server.Placement}").ConfigureAwait(false);

            await WarmUp(target, store, options, progress).ConfigureAwait(false);
            var results = new List<PhaseResult>();
            var (expected, received) = await Phases(target, "bench", options, phase =>
            {
                results.Add(phase);
                progress.WriteLine($"[{store}] {phase.Name}: {ResultTable.Number(phase.PerSecond)}/s"
                    + (phase.PerServerCpuSecond is { } perCpu ? $", {ResultTable.Number(perCpu)}/server-CPU-s" : ""));
            }).ConfigureAwait(false);
            return new StoreRun(store, server.Placement, results, expected, received);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    /// <summary>
    /// The same phases, smaller and in namespaces of their own, until the JIT's tiering has
    /// settled (a round compiles almost nothing new): on a busy 2-core machine the background
    /// compiler otherwise still competes with the measured phases for tens of seconds.
    /// </summary>
    private static async Task WarmUp(Target target, string store, ApiServerOptions options, TextWriter progress)
    {
        var round = options with { Pods = Math.Min(options.Pods, WarmupPods), Watchers = Math.Min(options.Watchers, 2), ListRepeats = 2 };
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; ; i++)
        {
            var before = await CompiledMethods(target.Server).ConfigureAwait(false);
            await Phases(target, $"warmup-{i}", round, _ => { }).ConfigureAwait(false);
            var compiled = await CompiledMethods(target.Server).ConfigureAwait(false) - before;
            var settled = compiled < SettledJitCount;
            await progress.WriteLineAsync($"[{store}] warm-up round {i}: {compiled} methods compiled{(settled ? ", settled" : "")}").ConfigureAwait(false);
            if (settled || options.Smoke || started.Elapsed > MaxWarmup)
                return;
        }
    }

    // Methods compiled by this process and, when apart, by the server's.
    private static async Task<long> CompiledMethods(IServerUnderTest server) =>
        System.Runtime.JitInfo.GetCompiledMethodCount() + ((await server.Read().ConfigureAwait(false))?.CompiledMethods ?? 0);

    private sealed record Target(Kubernetes Client, IServerUnderTest Server, string Token);

    private static async Task<(long Expected, long Received)> Phases(Target target, string ns, ApiServerOptions options, Action<PhaseResult> record)
    {
        var (client, server, token) = target;
        var pods = new PodWorkload(client, server, ns, options.Pods, options.Concurrency);
        await pods.CreateNamespace().ConfigureAwait(false);
        await Settle(server).ConfigureAwait(false);
        record(await pods.Create().ConfigureAwait(false));
        await Settle(server).ConfigureAwait(false);
        record(await pods.Update().ConfigureAwait(false));
        await Settle(server).ConfigureAwait(false);
        record(await pods.UpdateStatus().ConfigureAwait(false));
        await Settle(server).ConfigureAwait(false);
        var fanout = new WatchFanout(client, server, token, ns, options.Pods, options.Watchers, options.Concurrency);
        long expected = 0, received = 0;
        foreach (var rate in new int?[] { null, options.WatchRate })
        {
            var outcome = await fanout.Run(rate).ConfigureAwait(false);
            record(outcome.Writes);
            record(outcome.FromSend);
            record(outcome.FromAck);
            (expected, received) = (expected + outcome.Expected, received + outcome.Received);
            await Settle(server).ConfigureAwait(false);
        }
        record(await pods.List(options.ListRepeats).ConfigureAwait(false));
        return (expected, received);
    }

    // Garbage left by one phase is collected before the next, not during it, in both processes.
    private static async Task Settle(IServerUnderTest server)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        await server.Settle().ConfigureAwait(false);
    }

    public static string Render(ApiServerReport report)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"command: {report.Command}");
        foreach (var line in report.Machine.Lines())
            text.AppendLine(line);
        foreach (var run in report.Runs)
            text.AppendLine($"server:  {run.Store}: {run.Server}");
        text.AppendLine($"client:  {report.Client}");
        var p = report.Parameters;
        text.AppendLine($"pods: {p.Pods}, watchers: {p.Watchers}, concurrency: {p.Concurrency}, paced watch rate: {p.WatchRate}/s, lists: {p.ListRepeats}");
        text.AppendLine();
        text.Append(report.Separate ? SeparateTable(report) : InProcessTable(report));
        return text.ToString();
    }

    // The server's own CPU and allocations first: they are what the targets are about.
    private static ResultTable SeparateTable(ApiServerReport report)
    {
        var table = new ResultTable("store", "phase", "ops", "seconds", "ops/s", "server CPU s", "ops/server-CPU-s", "server KB/op", "client CPU s", "ops/client-CPU-s", "p50 ms", "p99 ms", "max ms");
        foreach (var run in report.Runs)
        {
            foreach (var phase in run.Phases)
            {
                table.Add([run.Store, Name(phase), Count(phase), N(phase.Seconds), N(phase.PerSecond),
                    N(phase.ServerCpuSeconds ?? 0), N(phase.PerServerCpuSecond ?? 0), N(phase.ServerKilobytesPerOperation ?? 0),
                    N(phase.CpuSeconds), N(phase.PerCpuSecond), .. Latencies(phase)]);
            }
        }
        return table;
    }

    private static ResultTable InProcessTable(ApiServerReport report)
    {
        var table = new ResultTable("store", "phase", "ops", "seconds", "ops/s", "CPU s", "ops/CPU-s", "KB/op", "p50 ms", "p99 ms", "max ms");
        foreach (var run in report.Runs)
        {
            foreach (var phase in run.Phases)
                table.Add([run.Store, Name(phase), Count(phase), N(phase.Seconds), N(phase.PerSecond), N(phase.CpuSeconds), N(phase.PerCpuSecond), N(phase.KilobytesPerOperation), .. Latencies(phase)]);
        }
        return table;
    }

    private static string N(double value) => ResultTable.Number(value);
    private static string Name(PhaseResult phase) => phase.Name + (phase.Note is null ? "" : $" ({phase.Note})");
    private static string Count(PhaseResult phase) => phase.Operations.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Latencies(PhaseResult phase) =>
        phase.Latency is { } l ? [N(l.P50), N(l.P99), N(l.Max)] : ["", "", ""];
}
