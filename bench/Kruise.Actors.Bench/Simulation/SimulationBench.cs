using System.Diagnostics;
using System.Text.Json.Nodes;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Resources;
using ClusterSimulationOptions = Kruise.Actors.LocalCluster.Simulation.SimulationOptions;

namespace Kruise.Actors.Bench.Simulation;

public sealed record SimulationReport(
    string Benchmark, string Command, DateTimeOffset At, MachineInfo Machine, SimulationBenchOptions Parameters, string Client,
    int PodsCreated, int PodsBound, int PodsStarted, double NodesReadySeconds, double CreateSeconds,
    double BindSeconds, double StartSeconds, double CpuSeconds, GcFigures Gc)
{
    public bool Complete => PodsStarted == Parameters.Pods;
    public double CreatesPerSecond => Rate(PodsCreated, CreateSeconds);
    public double BindsPerSecond => Rate(PodsBound, BindSeconds);
    public double StartsPerSecond => Rate(PodsStarted, StartSeconds);
    public double StartsPerCpuSecond => Rate(PodsStarted, CpuSeconds);
    public double AllocatedKibPerStart => PodsStarted > 0 ? Gc.AllocatedBytes / 1024.0 / PodsStarted : 0;

    private static double Rate(int count, double seconds) => seconds > 0 ? count / seconds : 0;
}

/// <summary>
/// How fast the simulated cluster (scheduler and kubelets at their default instant latencies)
/// turns created pods into Running and Ready ones, so the simulation never hides a controller's
/// own cost. The server runs in this process; pods are created through its ResourceService
/// (admission, defaulting and storage, no HTTP), which is what the simulation sees.
/// </summary>
public static class SimulationBench
{
    private const string Namespace = "bench-sim";

    public static async Task<int> Execute(BenchArgs args)
    {
        var options = SimulationBenchOptions.From(args);
        var report = await Run(options, Console.Out).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(Render(report)).ConfigureAwait(false);
        if (options.OutputPath is { } path)
        {
            await BenchReport.Write(path, report).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"results: {path}").ConfigureAwait(false);
        }
        return report.Complete ? 0 : 1;
    }

    public static async Task<SimulationReport> Run(SimulationBenchOptions options, TextWriter progress)
    {
        var machine = MachineInfo.Current();
        var folder = TempFolder.New("kruise-actors-simbench-");
        try
        {
            var clock = Stopwatch.StartNew();
            await using var server = await LocalApiServer.Start(new LocalApiServerOptions
            {
                DataFolder = folder,
                Port = 0,
                InMemory = true,
                Simulation = new ClusterSimulationOptions { NodeCount = options.Nodes, ZoneCount = 3 },
            }).ConfigureAwait(false);
            using (var ready = new CancellationTokenSource(options.Timeout))
                await server.Simulation!.WaitForNodesReady(ready.Token).ConfigureAwait(false);
            var nodesReady = clock.Elapsed.TotalSeconds;
            await progress.WriteLineAsync($"{options.Nodes} nodes Ready after {ResultTable.Number(nodesReady)} s").ConfigureAwait(false);

            var service = server.Service;
            await service.Create(service.Registry.Find("", "v1", "namespaces")!, null,
                new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Namespace } },
                WriteOptions.Default).ConfigureAwait(false);
            GC.Collect();
            GC.WaitForPendingFinalizers();

            var tracker = new PodStartTracker(options.Pods);
            var (_, subscription) = server.Store.Watch(new StorageKey("", "pods"), Namespace, null);
            using var stopFollowing = new CancellationTokenSource();
            Task following;
            using (subscription)
            {
                following = tracker.Follow(subscription, stopFollowing.Token);
                var podType = service.Registry.Find("", "v1", "pods")!;
                using var self = Process.GetCurrentProcess();
                var cpuBefore = self.TotalProcessorTime;
                var gcBefore = GcFigures.Now();
                var start = Stopwatch.GetTimestamp();
                await Parallel.ForAsync(0, options.Pods, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
                    async (i, token) => await service.Create(podType, Namespace, Pod(i), WriteOptions.Default, token).ConfigureAwait(false)).ConfigureAwait(false);
                var created = Stopwatch.GetElapsedTime(start).TotalSeconds;
                await progress.WriteLineAsync($"{options.Pods} pods created in {ResultTable.Number(created)} s").ConfigureAwait(false);

                await Task.WhenAny(tracker.AllStarted, Task.Delay(options.Timeout)).ConfigureAwait(false);
                self.Refresh();
                var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
                var gc = GcFigures.Now().Since(gcBefore);
                await stopFollowing.CancelAsync().ConfigureAwait(false);
                await following.ConfigureAwait(false);
                double Since(long? at) => at is { } t ? Stopwatch.GetElapsedTime(start, t).TotalSeconds : double.NaN;
                return new SimulationReport("simulation", options.Command, DateTimeOffset.UtcNow, machine, options,
                    "in-process ResourceService.Create (no HTTP)", options.Pods, tracker.Bound, tracker.Started, nodesReady, created,
                    Since(tracker.LastBoundAt), Since(tracker.LastStartedAt), cpu, gc);
            }
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    public static string Render(SimulationReport report)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"command: {report.Command}");
        foreach (var line in report.Machine.Lines())
            text.AppendLine(line);
        text.AppendLine($"server:  in process, in-memory store, scheduler and kubelets at instant latencies");
        text.AppendLine($"client:  {report.Client}");
        var p = report.Parameters;
        text.AppendLine($"pods: {p.Pods}, nodes: {p.Nodes}, create concurrency: {p.Concurrency}, nodes Ready after {N(report.NodesReadySeconds)} s");
        text.AppendLine();
        var table = new ResultTable("phase", "pods", "seconds from first create", "pods/s", "process CPU s", "pods/CPU-s");
        table.Add("created", Count(report.PodsCreated), N(report.CreateSeconds), N(report.CreatesPerSecond), "", "");
        table.Add("bound (scheduled)", Count(report.PodsBound), N(report.BindSeconds), N(report.BindsPerSecond), "", "");
        table.Add("Running and Ready", Count(report.PodsStarted), N(report.StartSeconds), N(report.StartsPerSecond), N(report.CpuSeconds), N(report.StartsPerCpuSecond));
        text.Append(table);
        var gc = report.Gc;
        text.AppendLine($"GC from the first create: {N(gc.AllocatedBytes / 1048576.0)} MiB allocated ({N(report.AllocatedKibPerStart)} KiB per start), "
            + $"collections gen0/gen1/gen2 {Count(gc.Gen0)}/{Count(gc.Gen1)}/{Count(gc.Gen2)}, paused {N(gc.PauseSeconds)} s, heap after {N(gc.HeapBytes / 1048576.0)} MiB");
        if (!report.Complete)
            text.AppendLine($"INCOMPLETE: {report.PodsStarted} of {p.Pods} pods started within {p.Timeout}");
        return text.ToString();
    }

    private static string N(double value) => double.IsNaN(value) ? "n/a" : ResultTable.Number(value);
    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A pod as a user writes it: no nodeName, so the simulated scheduler places it.</summary>
    private static JsonObject Pod(int index) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject
        {
            ["name"] = $"pod-{index:D5}",
            ["labels"] = new JsonObject { ["app"] = "bench" },
        },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox:1.36" }),
        },
    };
}
