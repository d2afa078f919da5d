using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Bench.Controller;

/// <summary>The controller benchmark's knobs; --smoke picks sizes that finish in well under a minute.</summary>
public sealed record ControllerBenchOptions
{
    public const string RawPart = "raw";
    public const string ScaleOutPart = "scaleout";
    public const string RolloutPart = "rollout";
    public const string FootprintPart = "footprint";
    public const string ReplicasPart = "replicas";
    private static readonly string[] KnownParts = [RawPart, ScaleOutPart, RolloutPart, FootprintPart, ReplicasPart];

    /// <summary>Pods created and patched by a plain client to measure the API server's own rates.</summary>
    public int RawPods { get; init; } = 5_000;

    /// <summary>CloneSet sizes scaled out 0 -> N, each on a fresh cluster and journal.</summary>
    public IReadOnlyList<int> ScaleOutSizes { get; init; } = [1_000, 5_000];

    /// <summary>Pods rolled out in place and by ReCreate under the same simulated latencies.</summary>
    public int RolloutPods { get; init; } = 1_000;

    /// <summary>Pods the controller's CPU, peak memory and restart are measured at.</summary>
    public int FootprintPods { get; init; } = 10_000;

    /// <summary>Which parts run; replicas (needs PostgreSQL: a throwaway one is started) only when asked.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [RawPart, ScaleOutPart, RolloutPart, FootprintPart];

    /// <summary>Writers in flight for the raw rates, as the API server benchmark uses.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>
    /// The controller's client-side write limit (`run --api-qps/--api-burst`) for scale-out and
    /// footprint: high, so that the API server, not the controller's own throttle, is the limit compared against.
    /// </summary>
    public double ControllerQps { get; init; } = 10_000;

    public bool Smoke { get; init; }
    public string Command { get; init; } = "dotnet run -c Release --project bench/Kruise.Actors.Bench -- controller";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);
    public string? OutputPath { get; init; }
    public string? ChartPath { get; init; }

    public static ControllerBenchOptions SmokeDefaults { get; } = new()
    {
        RawPods = 100,
        ScaleOutSizes = [20],
        RolloutPods = 10,
        FootprintPods = 30,
        Concurrency = 8,
        Smoke = true,
        Timeout = TimeSpan.FromMinutes(3),
    };

    public bool Runs(string part) => Parts.Contains(part, StringComparer.Ordinal);

    /// <summary>Simulated nodes for <paramref name="pods"/> pods: at most 100 pods a node, one spare, three at least.</summary>
    public static int NodesFor(int pods) => Math.Clamp((pods + 99) / 100 + 1, 3, SimulationOptions.MaxNodes);

    public static ControllerBenchOptions From(BenchArgs args)
    {
        var smoke = args.Flag("smoke");
        var defaults = smoke ? SmokeDefaults : new ControllerBenchOptions();
        var options = defaults with
        {
            RawPods = args.Int("raw-pods", defaults.RawPods),
            ScaleOutSizes = args.IntList("scale-out", defaults.ScaleOutSizes),
            RolloutPods = args.Int("rollout-pods", defaults.RolloutPods),
            FootprintPods = args.Int("footprint-pods", defaults.FootprintPods),
            Concurrency = args.Int("concurrency", defaults.Concurrency),
            Parts = args.String("only") is { } only ? BenchArgs.Choices("only", only, KnownParts) : defaults.Parts,
            Command = args.Command,
        };
        if (args.Flag("with-replicas") && !options.Runs(ReplicasPart))
            options = options with { Parts = [.. options.Parts, ReplicasPart] };
        var largest = options.ScaleOutSizes.Append(options.FootprintPods).Append(options.RolloutPods).Max();
        if (largest > (SimulationOptions.MaxNodes - 1) * 100)
            throw new ArgumentException($"at most {(SimulationOptions.MaxNodes - 1) * 100} pods (100 per simulated node), not {largest}");
        var output = args.String("out");
        var chart = args.String("chart");
        args.RejectUnknown();
        return options with
        {
            OutputPath = output ?? (smoke ? null : BenchReport.DefaultPath("controller")),
            ChartPath = chart ?? (smoke ? null : Path.ChangeExtension(BenchReport.DefaultPath("controller"), ".png")),
        };
    }
}
