using k8s;
using Kruise.Actors.Bench.ApiServer;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster;

namespace Kruise.Actors.Bench.Controller;

/// <summary>The API server's own limit, measured in the same run: plain pod creates and merge patches by a client.</summary>
public sealed record RawRates(int Pods, int Concurrency, double CreatesPerSecond, double PatchesPerSecond, double CreateCpuSeconds, double PatchCpuSeconds);

/// <summary>
/// Creates and then merge-patches N small pods through KubernetesClient over HTTPS, C in flight, on
/// a fresh embedded API server (in memory, the same store the controller runs against below) with
/// no simulated nodes, so nothing else works on those pods: the rate a perfect controller could
/// not beat. Server and client share this process, as the server and simulation do in the other parts.
/// </summary>
public static class RawApiRates
{
    public static async Task<RawRates> Measure(ControllerBenchOptions options, TextWriter progress)
    {
        var folder = TempFolder.New("kruise-actors-raw-");
        try
        {
            await using var server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = folder, Port = 0, InMemory = true }).ConfigureAwait(false);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            // A round first (JIT, connection, thread pool), in a namespace of its own.
            var warmUp = new PodWorkload(client, null, "bench-raw-warmup", Math.Min(300, options.RawPods), options.Concurrency);
            await warmUp.CreateNamespace().ConfigureAwait(false);
            await warmUp.Create().ConfigureAwait(false);
            await warmUp.Update().ConfigureAwait(false);

            var workload = new PodWorkload(client, null, "bench-raw", options.RawPods, options.Concurrency);
            await workload.CreateNamespace().ConfigureAwait(false);
            var create = await workload.Create().ConfigureAwait(false);
            var patch = await workload.Update().ConfigureAwait(false);
            await progress.WriteLineAsync($"[raw] {options.RawPods} creates at {ResultTable.Number(create.PerSecond)}/s, merge patches at {ResultTable.Number(patch.PerSecond)}/s")
                .ConfigureAwait(false);
            return new RawRates(options.RawPods, options.Concurrency, create.PerSecond, patch.PerSecond, create.CpuSeconds, patch.CpuSeconds);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }
}
