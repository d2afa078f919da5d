using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.Simulation;

/// <summary>The simulation benchmark's knobs; --smoke picks sizes that finish in seconds.</summary>
public sealed record SimulationBenchOptions
{
    /// <summary>What a simulated node admits (its allocatable "pods"): more pods than nodes × this would never all start.</summary>
    public const int PodsPerNode = 110;

    public int Pods { get; init; } = 10_000;
    public int Nodes { get; init; } = 100;
    public int Concurrency { get; init; } = 32;
    public bool Smoke { get; init; }
    public string Command { get; init; } = "dotnet run -c Release --project bench/Kruise.Actors.Bench -- simulation";

    /// <summary>How long to wait for every pod to start before giving up (a hung simulation must not hang CI).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Null writes no file (smoke runs must not overwrite the published results).</summary>
    public string? OutputPath { get; init; }

    public static SimulationBenchOptions SmokeDefaults { get; } = new() { Pods = 200, Nodes = 10, Concurrency = 8, Smoke = true, Timeout = TimeSpan.FromMinutes(2) };

    public static SimulationBenchOptions From(BenchArgs args)
    {
        var smoke = args.Flag("smoke");
        var defaults = smoke ? SmokeDefaults : new SimulationBenchOptions();
        var options = defaults with
        {
            Pods = args.Int("pods", defaults.Pods),
            Nodes = args.Int("nodes", defaults.Nodes),
            Concurrency = args.Int("concurrency", defaults.Concurrency),
            Command = args.Command,
        };
        if (options.Nodes > LocalCluster.Simulation.SimulationOptions.MaxNodes)
            throw new ArgumentException($"--nodes is at most {LocalCluster.Simulation.SimulationOptions.MaxNodes}, not {options.Nodes}");
        if (options.Pods > (long)options.Nodes * PodsPerNode)
            throw new ArgumentException($"--pods {options.Pods} do not fit on {options.Nodes} nodes of {PodsPerNode} pods each");
        var output = args.String("out");
        args.RejectUnknown();
        return options with { OutputPath = output ?? (smoke ? null : BenchReport.DefaultPath("simulation")) };
    }
}
