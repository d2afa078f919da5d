using Kruise.Actors.Bench.Simulation;

namespace Kruise.Actors.LocalCluster.Tests.Bench;

/// <summary>
/// The simulation benchmark at smoke size: proves it still runs end to end and every pod it
/// creates is scheduled and started by the simulated cluster. Not a timed test: no rate is asserted.
/// </summary>
public sealed class SimulationBenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_schedules_and_starts_every_pod_it_creates()
    {
        var options = SimulationBenchOptions.SmokeDefaults;

        var report = await SimulationBench.Run(options, TextWriter.Null);

        Assert.True(report.Complete, SimulationBench.Render(report));
        Assert.Equal(options.Pods, report.PodsCreated);
        Assert.Equal(options.Pods, report.PodsBound);
        Assert.Equal(options.Pods, report.PodsStarted);
        Assert.True(report.BindSeconds <= report.StartSeconds, SimulationBench.Render(report));
        Assert.True(report.StartsPerSecond > 0 && report.CpuSeconds > 0, SimulationBench.Render(report));
        Assert.Contains("| Running and Ready | 200 ", SimulationBench.Render(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pods", "2000", "--nodes", "10")]
    [InlineData("--nodes", "300")]
    [InlineData("--pods", "0")]
    [InlineData("--bogus", "1")]
    public void Options_that_cannot_run_are_refused_with_a_message(params string[] options)
    {
        var args = Kruise.Actors.Bench.Harness.BenchArgs.Parse(["simulation", "--smoke", .. options]);

        var error = Assert.Throws<ArgumentException>(() => SimulationBenchOptions.From(args));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
