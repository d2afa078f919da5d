using Kruise.Actors.Bench.ApiServer;

namespace Kruise.Actors.LocalCluster.Tests.Bench;

/// <summary>
/// The apiserver benchmark at smoke size, with the server in this process and in a process of
/// its own: proves it still runs end to end and produces sane figures. Not a timed test: no rate
/// or latency threshold is asserted.
/// </summary>
public sealed class ApiServerBenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_measures_every_phase_on_both_stores_and_every_watch_event_arrives()
    {
        var report = await ApiServerBench.Run(ApiServerOptions.SmokeDefaults with { InProcess = true }, TextWriter.Null);

        Assert.Equal(["sqlite", "memory"], report.Runs.Select(r => r.Store));
        Assert.True(report.Machine.Cores > 0);
        foreach (var run in report.Runs)
        {
            Assert.True(run.WatchEventsExpected > 0);
            Assert.Equal(run.WatchEventsExpected, run.WatchEventsReceived);
            Assert.Contains(run.Phases, p => p.Name == "create");
            Assert.Contains(run.Phases, p => p.Name.StartsWith("watch event, send→receipt (paced", StringComparison.Ordinal));
            foreach (var phase in run.Phases)
            {
                Assert.True(phase.Operations > 0 && phase.Seconds > 0 && phase.PerSecond > 0, $"{run.Store} {phase.Name}: {phase}");
                Assert.Null(phase.Note);
                var latency = Assert.IsType<Kruise.Actors.Bench.Harness.LatencySummary>(phase.Latency);
                Assert.True(latency.P50 <= latency.P99 && latency.P99 <= latency.Max, $"{run.Store} {phase.Name}: {latency}");
                Assert.Null(phase.ServerCpuSeconds);
            }
        }
        Assert.False(report.Separate);
        Assert.Contains("| sqlite | create ", ApiServerBench.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_server_in_its_own_process_its_cpu_and_allocations_are_reported_apart()
    {
        var report = await ApiServerBench.Run(ApiServerOptions.SmokeDefaults with { Stores = ["memory"] }, TextWriter.Null);

        var run = Assert.Single(report.Runs);
        Assert.StartsWith("separate process (pid ", run.Server, StringComparison.Ordinal);
        Assert.Equal(run.WatchEventsExpected, run.WatchEventsReceived);
        Assert.True(report.Separate);
        var create = Assert.Single(run.Phases, p => p.Name == "create");
        // Creating pods allocates in the server (decoding, defaulting, storing): an empty
        // figure would mean the server process was not the one being measured.
        Assert.True(create.ServerAllocatedBytes > 0 && create.ServerKilobytesPerOperation > 0, $"{create}");
        Assert.True(create.ServerCpuSeconds >= 0, $"{create}");
        foreach (var phase in run.Phases)
            Assert.NotNull(phase.ServerCpuSeconds);
        var table = ApiServerBench.Render(report);
        Assert.Contains("ops/server-CPU-s", table, StringComparison.Ordinal);
        Assert.Contains("server:  memory: separate process", table, StringComparison.Ordinal);
    }
}
