using System.Diagnostics;
using k8s;
using k8s.Models;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Bench.Rollout;

/// <summary>One strategy's rollout: how long, how many controller writes, how many pods kept their identity.</summary>
public sealed record RolloutRun(string Strategy, int Pods, double ScaleOutSeconds, double RolloutSeconds, long ControllerWrites, long ControllerEvents,
    int PodsKeptName, int PodsKeptIp, int Restarts, IReadOnlyDictionary<string, long> WritesByResource)
{
    public double WritesPerPod => (double)ControllerWrites / Pods;
    public double WritesPerPodWithoutEvents => (double)(ControllerWrites - ControllerEvents) / Pods;
}

public sealed record RolloutReport(string Benchmark, string Command, DateTimeOffset At, MachineInfo Machine, RolloutBenchOptions Parameters, IReadOnlyList<RolloutRun> Runs)
{
    /// <summary>In-place rollout time over ReCreate rollout time (target at most 0.3).</summary>
    public double Ratio => Runs.Count == 2 && Runs[1].RolloutSeconds > 0 ? Runs[0].RolloutSeconds / Runs[1].RolloutSeconds : double.NaN;
}

/// <summary>
/// Rolls a new image out to N pods of a CloneSet on the embedded cluster, once in place
/// (InPlaceIfPossible) and once by ReCreate, each on a fresh cluster with the same simulated
/// latencies, with the production controller in this process. Reports the wall time of each
/// rollout (from the image patch until every pod runs the new image and is Ready) and the
/// controller's API writes per pod, counted by its command gateway.
/// </summary>
public static class RolloutBench
{
    private const string Namespace = "bench-rollout";
    private const string Name = "web";

    public static async Task<int> Execute(BenchArgs args)
    {
        var options = RolloutBenchOptions.From(args);
        var report = await Run(options, Console.Out).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(Render(report)).ConfigureAwait(false);
        if (options.OutputPath is { } path)
        {
            await BenchReport.Write(path, report).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"results: {path}").ConfigureAwait(false);
        }
        return 0;
    }

    public static async Task<RolloutReport> Run(RolloutBenchOptions options, TextWriter progress)
    {
        var machine = MachineInfo.Current();
        var runs = new List<RolloutRun>();
        foreach (var strategy in new[] { "InPlaceIfPossible", "ReCreate" })
            runs.Add(await RunOne(options, strategy, progress).ConfigureAwait(false));
        return new RolloutReport("rollout", options.Command, DateTimeOffset.UtcNow, machine, options, runs);
    }

    private static async Task<RolloutRun> RunOne(RolloutBenchOptions options, string strategy, TextWriter progress)
    {
        var folder = TempFolder.New("kruise-actors-rollout-");
        try
        {
            var simulation = options.Latency == "realistic"
                ? SimulationOptions.Realistic with { NodeCount = options.Nodes }
                : new SimulationOptions { NodeCount = options.Nodes };
            await using var server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = folder, Port = 0, InMemory = true, Simulation = simulation })
                .ConfigureAwait(false);
            using (var ready = new CancellationTokenSource(options.Timeout))
                await server.Simulation!.WaitForNodesReady(ready.Token).ConfigureAwait(false);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!)).ConfigureAwait(false);
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }).ConfigureAwait(false);

            await using var controller = await ControllerHost.Start(new ControllerOptions
            {
                Kubeconfig = server.KubeconfigPath,
                HttpPort = null,
                Runtime = new RuntimeOptions
                {
                    Journal = JournalTarget.InFolder(folder),
                    LogLevel = "WARNING",
                    Gateway = new Kruise.Actors.Kube.GatewayOptions { Qps = options.Qps, Burst = (int)(2 * options.Qps) },
                },
            }).ConfigureAwait(false);

            var clock = Stopwatch.StartNew();
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(CloneSet(options, strategy), "apps.kruise.io", "v1alpha1", Namespace, "clonesets").ConfigureAwait(false);
            await RolledOut(client, options, generation: 1, "nginx:1.25").ConfigureAwait(false);
            var scaleOut = clock.Elapsed.TotalSeconds;
            await progress.WriteLineAsync($"[{strategy}] {options.Pods} pods Ready in {ResultTable.Number(scaleOut)} s").ConfigureAwait(false);

            var before = (await client.CoreV1.ListNamespacedPodAsync(Namespace).ConfigureAwait(false)).Items;
            var byResourceBefore = controller.Runtime.Metrics.ApiWritesByResource();
            clock.Restart();
            var patch = """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}]""";
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "apps.kruise.io", "v1alpha1", Namespace, "clonesets", Name)
                .ConfigureAwait(false);
            await RolledOut(client, options, generation: 2, "nginx:1.27").ConfigureAwait(false);
            var rollout = clock.Elapsed.TotalSeconds;
            // Writes still in flight when the last pod turned Ready (the final status) belong to the rollout too.
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var byResource = controller.Runtime.Metrics.ApiWritesByResource()
                .Select(p => (Key: $"{p.Key.Verb} {p.Key.Resource}", Count: p.Value - byResourceBefore.GetValueOrDefault(p.Key)))
                .Where(p => p.Count > 0).OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal);
            var writes = byResource.Values.Sum();
            var events = byResource.GetValueOrDefault("create events");
            var after = (await client.CoreV1.ListNamespacedPodAsync(Namespace).ConfigureAwait(false)).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            var ipsBefore = before.ToDictionary(p => p.Metadata.Name, p => p.Status?.PodIP, StringComparer.Ordinal);
            var keptName = after.Count(p => ipsBefore.ContainsKey(p.Metadata.Name));
            var keptIp = after.Count(p => ipsBefore.TryGetValue(p.Metadata.Name, out var ip) && ip == p.Status?.PodIP);
            var restarts = after.Sum(p => p.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0);
            await progress.WriteLineAsync($"[{strategy}] rolled out in {ResultTable.Number(rollout)} s, {writes} controller writes ({events} of them Events)").ConfigureAwait(false);
            return new RolloutRun(strategy, options.Pods, scaleOut, rollout, writes, events, keptName, keptIp, restarts, byResource);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    private static async Task RolledOut(Kubernetes client, RolloutBenchOptions options, long generation, string image)
    {
        var deadline = DateTime.UtcNow + options.Timeout;
        while (true)
        {
            var raw = await client.CustomObjects.GetNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", Namespace, "clonesets", Name).ConfigureAwait(false);
            var cloneSet = KubernetesJson.Deserialize<CloneSet>(KubernetesJson.Serialize(raw));
            if (cloneSet.Metadata.Generation == generation && cloneSet.Status is { } status && status.ObservedGeneration == generation
                && status.UpdatedReadyReplicas == options.Pods && status.ReadyReplicas == options.Pods && status.Replicas == options.Pods)
            {
                var pods = (await client.CoreV1.ListNamespacedPodAsync(Namespace).ConfigureAwait(false)).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
                if (pods.Count == options.Pods && pods.All(p => p.Spec.Containers[0].Image == image && p.Status?.ContainerStatuses?.All(c => c.Image.EndsWith("/" + image, StringComparison.Ordinal) && c.Ready) == true))
                    return;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the CloneSet did not roll out {image} to {options.Pods} pods within {options.Timeout}");
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    private static CloneSet CloneSet(RolloutBenchOptions options, string strategy) => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "CloneSet",
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
        Spec = new CloneSetSpec
        {
            Replicas = options.Pods,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = Name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = Name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx:1.25" }] },
            },
            UpdateStrategy = new CloneSetUpdateStrategy
            {
                Type = strategy,
                MaxUnavailable = int.TryParse(options.MaxUnavailable, out var count) ? (IntOrString)count : (IntOrString)options.MaxUnavailable,
            },
        },
    };

    public static string Render(RolloutReport report)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"command: {report.Command}");
        foreach (var line in report.Machine.Lines())
            text.AppendLine(line);
        var p = report.Parameters;
        text.AppendLine($"pods: {p.Pods}, nodes: {p.Nodes}, maxUnavailable: {p.MaxUnavailable}, simulated latencies: {p.Latency}, controller API QPS: {p.Qps}; API server, simulation and controller in this process");
        text.AppendLine();
        var table = new ResultTable("strategy", "pods", "scale-out s", "rollout s", "controller writes/pod", "writes/pod without Events", "pods kept name", "pods kept IP", "container restarts");
        foreach (var run in report.Runs)
        {
            table.Add(run.Strategy, I(run.Pods), ResultTable.Number(run.ScaleOutSeconds), ResultTable.Number(run.RolloutSeconds), ResultTable.Number(run.WritesPerPod),
                ResultTable.Number(run.WritesPerPodWithoutEvents), I(run.PodsKeptName), I(run.PodsKeptIp), I(run.Restarts));
        }
        text.Append(table);
        foreach (var run in report.Runs)
            text.AppendLine($"{run.Strategy} writes per pod: " + string.Join(", ", run.WritesByResource.Select(p => $"{p.Key} {ResultTable.Number((double)p.Value / run.Pods)}")));
        text.AppendLine($"in-place / ReCreate rollout time: {(double.IsNaN(report.Ratio) ? "n/a" : report.Ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))} (target <= 0.3)");
        return text.ToString();
    }

    private static string I(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
