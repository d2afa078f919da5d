using System.Text.Json;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Bench.Replicas;

namespace Kruise.Actors.LocalCluster.Tests.Bench;

/// <summary>
/// The replicas benchmark at smoke size: `kruise-actors run` replicas on the throwaway PostgreSQL
/// that ./test.sh starts (KRUISE_TEST_POSTGRES), 8 pods at 1 and 2 replicas, a kill -9 during a
/// 6-pod rollout on 3 replicas, one replica's memory with 10 more pods. Proves the benchmark still
/// runs end to end and reports what happened; no time or rate is asserted.
/// </summary>
public sealed class ReplicasBenchSmokeTests
{
    private const string PostgresVariable = "KRUISE_TEST_POSTGRES";

    [Fact]
    public async Task Smoke_run_reconciles_every_pod_survives_a_killed_replica_and_writes_every_figure()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set: run ./test.sh, which starts a throwaway PostgreSQL (Debian's postgresql package)");
        var options = ReplicasBenchOptions.SmokeDefaults with { Postgres = postgres };

        var report = await ReplicasBench.Run(options, TextWriter.Null);
        var text = ReplicasBench.Render(report);

        Assert.Equal([1, 2], report.Throughput.Select(r => r.Replicas));
        Assert.All(report.Throughput, run =>
        {
            Assert.Equal(options.Pods, run.Pods);
            Assert.True(run.Rollout.PerReplica.Sum(r => r.PodEntities) >= options.Pods, text);
            Assert.True(run.Rollout.ApiWrites >= 2 * options.Pods, $"an in-place update writes each pod at least twice, yet {run.Rollout.ApiWrites} writes:\n{text}");
        });
        Assert.Equal(2, Assert.Single(report.Scaling).Replicas);

        var failover = Assert.IsType<FailoverRun>(report.Failover);
        Assert.True(failover.Problem is null, text);
        Assert.Equal(1, failover.KilledCloneSetEntities);
        Assert.NotNull(failover.ResumeSeconds);
        Assert.True(failover.CompleteSeconds >= failover.ResumeSeconds, text);

        var memory = Assert.IsType<MemoryRun>(report.Memory);
        Assert.Equal(options.MemoryPods, memory.PodEntities);
        Assert.True(memory.WorkingSetAfterBytes > 0, text);

        foreach (var heading in new[] { "## Throughput", "rollout pods/s", "rollout ×", "## Failover", "resumed s", "## Memory", "KiB per Pod entity" })
            Assert.Contains(heading, text, StringComparison.Ordinal);

        var path = Path.Combine(Path.GetTempPath(), $"replicas-{Guid.NewGuid():N}.json");
        try
        {
            await BenchReport.Write(path, report);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var root = json.RootElement;
            Assert.Equal("replicas", root.GetProperty("benchmark").GetString());
            Assert.True(root.GetProperty("throughput")[1].GetProperty("rolloutPodsPerSecond").GetDouble() > 0);
            Assert.True(root.GetProperty("throughput")[0].GetProperty("rollout").GetProperty("perReplica")[0].GetProperty("cpuSeconds").GetDouble() > 0);
            Assert.True(root.GetProperty("scaling")[0].GetProperty("rolloutRatio").GetDouble() > 0);
            Assert.True(root.GetProperty("failover").GetProperty("resumeSeconds").GetDouble() >= 0);
            // At 10 pods the difference is within the GC's noise and may even be negative: only its presence is asserted.
            Assert.Equal(JsonValueKind.Number, root.GetProperty("memory").GetProperty("kiBPerPodEntity").ValueKind);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--replicas", "0")]
    [InlineData("--qps", "fast")]
    [InlineData("--only", "latency")]
    [InlineData("--pods", "3", "--clonesets", "5")]
    [InlineData("--bogus", "1")]
    public void Options_that_cannot_run_are_refused_with_a_message(params string[] options)
    {
        var args = BenchArgs.Parse(["replicas", "--smoke", .. options]);

        var error = Assert.Throws<ArgumentException>(() => ReplicasBenchOptions.From(args));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
