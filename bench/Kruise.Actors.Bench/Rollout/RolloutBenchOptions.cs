using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.Rollout;

/// <summary>The rollout benchmark's knobs; --smoke picks sizes that finish in seconds.</summary>
public sealed record RolloutBenchOptions
{
    public int Pods { get; init; } = 1_000;
    public int Nodes { get; init; } = 20;

    /// <summary>updateStrategy.maxUnavailable, the same for both strategies.</summary>
    public string MaxUnavailable { get; init; } = "20%";

    /// <summary>Simulated latencies: "realistic" (what `up` runs: pulls, starts, readiness take a moment) or "instant".</summary>
    public string Latency { get; init; } = "realistic";

    /// <summary>
    /// The controller's client-side API write limit (queries a second; burst twice that), as `run --api-qps`.
    /// Both rollouts are bound by it when writes / QPS exceeds the simulated latencies.
    /// </summary>
    public double Qps { get; init; } = 100;

    public bool Smoke { get; init; }
    public string Command { get; init; } = "dotnet run -c Release --project bench/Kruise.Actors.Bench -- rollout";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);
    public string? OutputPath { get; init; }

    public static RolloutBenchOptions SmokeDefaults { get; } = new() { Pods = 10, Nodes = 3, Latency = "instant", Smoke = true, Timeout = TimeSpan.FromMinutes(3) };

    public static RolloutBenchOptions From(BenchArgs args)
    {
        var smoke = args.Flag("smoke");
        var defaults = smoke ? SmokeDefaults : new RolloutBenchOptions();
        var options = defaults with
        {
            Pods = args.Int("pods", defaults.Pods),
            Nodes = args.Int("nodes", defaults.Nodes),
            MaxUnavailable = args.String("max-unavailable") ?? defaults.MaxUnavailable,
            Latency = args.String("latency") ?? defaults.Latency,
            Qps = args.Int("qps", (int)defaults.Qps),
            Command = args.Command,
        };
        if (options.Latency is not ("realistic" or "instant"))
            throw new ArgumentException($"--latency is realistic or instant, not '{options.Latency}'");
        if (options.Qps < 1)
            throw new ArgumentException($"--qps must be positive, not {options.Qps}");
        if (options.Pods < 1 || options.Nodes < 1 || options.Nodes > LocalCluster.Simulation.SimulationOptions.MaxNodes)
            throw new ArgumentException($"--pods must be positive and --nodes 1 to {LocalCluster.Simulation.SimulationOptions.MaxNodes}");
        if (options.Pods > options.Nodes * 100L)
            throw new ArgumentException($"--pods {options.Pods} leave too little room on {options.Nodes} nodes (at most 100 per node)");
        var output = args.String("out");
        args.RejectUnknown();
        return options with { OutputPath = output ?? (smoke ? null : BenchReport.DefaultPath("rollout")) };
    }
}
