using System.Globalization;
using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>
/// One client-side write limit the replicas run with: the `run` defaults (null Qps), or
/// `--api-qps Q --api-burst Q` (a burst of one second's writes, so the burst does not blur the rate).
/// </summary>
public sealed record WriteLimit(double? Qps)
{
    public static WriteLimit Default { get; } = new((double?)null);

    public string Name => Qps is { } q ? $"--api-qps {q.ToString(CultureInfo.InvariantCulture)} --api-burst {Burst}" : "default (--api-qps 100 --api-burst 200)";

    public int Burst => Qps is { } q ? Math.Max(1, (int)Math.Ceiling(q)) : 200;

    /// <summary>The writes per second one replica is allowed over a long run.</summary>
    public double EffectiveQps => Qps ?? 100;

    public IEnumerable<string> Arguments() => Qps is { } q
        ? ["--api-qps", q.ToString(CultureInfo.InvariantCulture), "--api-burst", Burst.ToString(CultureInfo.InvariantCulture)]
        : [];
}

/// <summary>The replicas benchmark's knobs; --smoke picks sizes that finish in seconds.</summary>
public sealed record ReplicasBenchOptions
{
    public const string ThroughputPart = "throughput";
    public const string FailoverPart = "failover";
    public const string MemoryPart = "memory";

    /// <summary>Pods of the throughput workload, spread evenly over <see cref="CloneSets"/> CloneSets.</summary>
    public int Pods { get; init; } = 1_000;

    public int CloneSets { get; init; } = 20;

    /// <summary>Replica counts the throughput is measured at (each on a fresh cluster and journal).</summary>
    public IReadOnlyList<int> ReplicaCounts { get; init; } = [1, 2, 3];

    /// <summary>The write limits the throughput is measured with: a QPS-bound one and the `run` default.</summary>
    public IReadOnlyList<WriteLimit> Limits { get; init; } = [new WriteLimit(50), WriteLimit.Default];

    /// <summary>Pods of the one CloneSet rolled out in place while a replica is killed.</summary>
    public int FailoverPods { get; init; } = 60;

    /// <summary>Pods one replica holds entities for in the memory measurement.</summary>
    public int MemoryPods { get; init; } = 2_000;

    /// <summary>Which parts run: throughput, failover, memory.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [ThroughputPart, FailoverPart, MemoryPart];

    /// <summary>An existing PostgreSQL server (Npgsql connection string) to create databases on; null starts a throwaway one.</summary>
    public string? Postgres { get; init; }

    public bool Smoke { get; init; }
    public string Command { get; init; } = "dotnet run -c Release --project bench/Kruise.Actors.Bench -- replicas";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
    public string? OutputPath { get; init; }

    public static ReplicasBenchOptions SmokeDefaults { get; } = new()
    {
        Pods = 8,
        CloneSets = 2,
        ReplicaCounts = [1, 2],
        Limits = [WriteLimit.Default],
        FailoverPods = 6,
        MemoryPods = 10,
        Smoke = true,
        Timeout = TimeSpan.FromMinutes(3),
    };

    public bool Runs(string part) => Parts.Contains(part, StringComparer.Ordinal);

    public static ReplicasBenchOptions From(BenchArgs args)
    {
        var smoke = args.Flag("smoke");
        var defaults = smoke ? SmokeDefaults : new ReplicasBenchOptions();
        var options = defaults with
        {
            Pods = args.Int("pods", defaults.Pods),
            CloneSets = args.Int("clonesets", defaults.CloneSets),
            ReplicaCounts = args.String("replicas") is { } counts ? ParseCounts(counts) : defaults.ReplicaCounts,
            Limits = args.String("qps") is { } limits ? ParseLimits(limits) : defaults.Limits,
            FailoverPods = args.Int("failover-pods", defaults.FailoverPods),
            MemoryPods = args.Int("memory-pods", defaults.MemoryPods),
            Parts = args.String("only") is { } only ? ParseParts(only) : defaults.Parts,
            Postgres = args.String("postgres"),
            Command = args.Command,
        };
        if (args.Flag("failover-only"))
            options = options with { Parts = [FailoverPart] };
        if (options.Pods < options.CloneSets)
            throw new ArgumentException($"--pods {options.Pods} cannot spread over --clonesets {options.CloneSets}: at least one pod each");
        var output = args.String("out");
        args.RejectUnknown();
        return options with { OutputPath = output ?? (smoke ? null : BenchReport.DefaultPath("replicas")) };
    }

    private static int[] ParseCounts(string text)
    {
        var counts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 9 ? n
                : throw new ArgumentException($"--replicas takes counts 1 to 9 separated by commas, not '{text}'"))
            .ToArray();
        return counts.Length > 0 ? counts : throw new ArgumentException("--replicas needs at least one count");
    }

    private static WriteLimit[] ParseLimits(string text)
    {
        var limits = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l == "default" ? WriteLimit.Default
                : double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q > 0 ? new WriteLimit(q)
                : throw new ArgumentException($"--qps takes positive writes per second or 'default', separated by commas, not '{text}'"))
            .ToArray();
        return limits.Length > 0 ? limits : throw new ArgumentException("--qps needs at least one limit");
    }

    private static string[] ParseParts(string text)
    {
        string[] known = [ThroughputPart, FailoverPart, MemoryPart];
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (!known.Contains(part, StringComparer.Ordinal))
                throw new ArgumentException($"--only takes {string.Join(", ", known)} separated by commas, not '{part}'");
        }
        return parts.Length > 0 ? parts : throw new ArgumentException("--only needs at least one part");
    }
}
