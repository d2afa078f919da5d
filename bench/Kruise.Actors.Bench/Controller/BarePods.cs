using System.Diagnostics;
using k8s;
using k8s.Models;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Bench.Replicas;
using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Bench.Controller;

/// <summary>
/// The cluster's own limit for pods becoming Ready, to set a scale-out against: N bare pods (the
/// CloneSet's pod, no controller, no readiness gate) created by a plain client, 32 in flight, on a
/// fresh cluster with the same simulated nodes. Each still pays its create, its binding and the
/// kubelet's status writes and watch deliveries, which the raw create rate does not; a controller
/// cannot bring pods to Ready faster than this on the same machine.
/// </summary>
public static class BarePods
{
    private const int WarmUpPods = 100;

    /// <summary>Pods Running and Ready per second, from the first create to the last pod Ready.</summary>
    public static async Task<double> ReadyPerSecond(ControllerBenchOptions options, int pods, TextWriter progress)
    {
        var nodes = ControllerBenchOptions.NodesFor(pods);
        await using var cluster = await ReplicaCluster.StartOnSqlite(nodes, new SimulationOptions(), options.Timeout).ConfigureAwait(false);
        await CreateAndWait(cluster, ReplicaCluster.WarmUpNamespace, Math.Min(WarmUpPods, pods), options).ConfigureAwait(false);

        var start = Stopwatch.GetTimestamp();
        var done = await CreateAndWait(cluster, ReplicaCluster.Namespace, pods, options).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(start, done).TotalSeconds;
        await progress.WriteLineAsync($"[bare pods {pods}] Running and Ready in {ResultTable.Number(seconds)} s ({ResultTable.Number(pods / seconds)} pods/s), no controller")
            .ConfigureAwait(false);
        return pods / seconds;
    }

    private static Task<long> CreateAndWait(ReplicaCluster cluster, string ns, int pods, ControllerBenchOptions options) =>
        cluster.Following(ns, async progress =>
        {
            await Concurrently.Run(pods, options.Concurrency, i => cluster.Client.CoreV1.CreateNamespacedPodAsync(Pod(i), ns)).ConfigureAwait(false);
            return await progress.WaitDone(ReplicaCluster.OldImage, pods, options.Timeout).ConfigureAwait(false);
        });

    private static V1Pod Pod(int index) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"bare-{index:D5}", Labels = new Dictionary<string, string> { ["app"] = "bare" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = ReplicaCluster.OldImage }] },
    };
}
