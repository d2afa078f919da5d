using Kruise.Actors.Bench.ApiServer;
using Kruise.Actors.Bench.Controller;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Bench.Replicas;
using Kruise.Actors.Bench.Rollout;
using Kruise.Actors.Bench.Simulation;

namespace Kruise.Actors.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/Kruise.Actors.Bench -- NAME [options]`: one process,
/// one benchmark by name, a table on stdout and a JSON file under bench/results/.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, Func<BenchArgs, Task<int>>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["apiserver"] = ApiServerBench.Execute,
        ["simulation"] = SimulationBench.Execute,
        ["rollout"] = RolloutBench.Execute,
        ["replicas"] = ReplicasBench.Execute,
        ["controller"] = ControllerBench.Execute,
    };

    // Not benchmarks: processes a benchmark starts of itself (the API server apart from its client).
    private static readonly Dictionary<string, Func<BenchArgs, Task<int>>> Hidden = new(StringComparer.Ordinal)
    {
        [ApiServerServe.Name] = ApiServerServe.Execute,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !(Benchmarks.TryGetValue(args[0], out var run) || Hidden.TryGetValue(args[0], out run)))
        {
            await Console.Error.WriteLineAsync($"usage: kruise-actors-bench <{string.Join('|', Benchmarks.Keys)}> [--option value ...] [--smoke]").ConfigureAwait(false);
            return 2;
        }
        try
        {
            return await run(BenchArgs.Parse(args)).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
