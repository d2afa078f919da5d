using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>The apiserver benchmark's knobs; --smoke picks sizes that finish in seconds (CI proves the benchmark still runs).</summary>
public sealed record ApiServerOptions
{
    public int Pods { get; init; } = 10_000;
    public int Watchers { get; init; } = 10;
    public int Concurrency { get; init; } = 32;
    public int ListRepeats { get; init; } = 5;

    /// <summary>Writes per second in the paced watch phase: well under saturation, so latency is delivery, not queueing.</summary>
    public int WatchRate { get; init; } = 1000;
    public IReadOnlyList<string> Stores { get; init; } = ["sqlite", "memory"];
    public bool Smoke { get; init; }

    /// <summary>The server in the client's process (the old mode: CPU figures then cover both).</summary>
    public bool InProcess { get; init; }

    /// <summary>Pins the server process to this core (taskset), the client to the others; null leaves both to the OS.</summary>
    public int? ServerCore { get; init; }
    public string Command { get; init; } = "dotnet run -c Release --project bench/Kruise.Actors.Bench -- apiserver";

    /// <summary>Null writes no file (smoke runs must not overwrite the published results).</summary>
    public string? OutputPath { get; init; }

    public static ApiServerOptions SmokeDefaults { get; } = new() { Pods = 200, Watchers = 2, Concurrency = 8, ListRepeats = 2, WatchRate = 400, Smoke = true };

    public static ApiServerOptions From(BenchArgs args)
    {
        var smoke = args.Flag("smoke");
        var defaults = smoke ? SmokeDefaults : new ApiServerOptions();
        var store = args.String("store") ?? "both";
        var options = defaults with
        {
            Pods = args.Int("pods", defaults.Pods),
            Watchers = args.Int("watchers", defaults.Watchers),
            Concurrency = args.Int("concurrency", defaults.Concurrency),
            ListRepeats = args.Int("lists", defaults.ListRepeats),
            WatchRate = args.Int("watch-rate", defaults.WatchRate),
            Stores = store switch
            {
                "both" => ["sqlite", "memory"],
                "sqlite" or "memory" => [store],
                _ => throw new ArgumentException($"--store is sqlite, memory or both, not '{store}'"),
            },
            InProcess = args.Flag("in-process"),
            ServerCore = args.NonNegativeInt("server-core"),
            Command = args.Command,
        };
        if (options.ServerCore is not null && options.InProcess)
            throw new ArgumentException("--server-core pins the server's own process; it cannot be combined with --in-process");
        if (options.ServerCore >= Environment.ProcessorCount)
            throw new ArgumentException($"--server-core {options.ServerCore}: this machine has cores 0 to {Environment.ProcessorCount - 1}");
        var output = args.String("out");
        args.RejectUnknown();
        return options with { OutputPath = output ?? (smoke ? null : BenchReport.DefaultPath("apiserver")) };
    }
}
