using Kruise.Actors.Bench.Controller;

namespace Kruise.Actors.LocalCluster.Tests.Bench;

/// <summary>
/// The controller benchmark at smoke size (raw rates, one small scale-out and in-place rollout, the
/// footprint and restart of a `run` process): it still runs end to end, its figures describe what
/// happened, and its chart is written. No time is asserted.
/// </summary>
public sealed class ControllerBenchSmokeTests : IDisposable
{
    private readonly string _chart = Path.Combine(Path.GetTempPath(), "kruise-actors-controller-chart-" + Guid.NewGuid().ToString("N")[..8] + ".png");

    [Fact]
    public async Task Smoke_run_measures_the_api_limit_a_scale_out_and_a_restart_that_repeats_nothing()
    {
        var options = ControllerBenchOptions.SmokeDefaults with
        {
            Parts = [ControllerBenchOptions.RawPart, ControllerBenchOptions.ScaleOutPart, ControllerBenchOptions.FootprintPart],
        };
        var report = await ControllerBench.Run(options, TextWriter.Null);

        Assert.True(report.Raw is { CreatesPerSecond: > 0, PatchesPerSecond: > 0 }, "raw create and patch rates measured");
        var scaleOut = Assert.Single(report.ScaleOuts);
        Assert.Equal(options.ScaleOutSizes[0], scaleOut.Pods);
        Assert.True(scaleOut.BarePodsPerSecond > 0, "bare pods without a controller were measured to Ready");
        Assert.True(scaleOut.ScaleOutWritesPerPod >= 1, $"the controller creates each pod, yet wrote {scaleOut.ScaleOutWritesPerPod} times per pod");
        Assert.True(scaleOut.RolloutJournalEventsByKind.GetValueOrDefault("Pod") >= scaleOut.Pods, "each pod's in-place update is persisted by its Pod entity");

        var footprint = report.Footprint!;
        Assert.Equal(options.FootprintPods, footprint.PodEntities);
        Assert.True(footprint.PodEntitiesAfterRestart >= footprint.PodEntities, "every Pod entity is live again after the restart");
        Assert.Equal(0, footprint.WritesAfterRestart);
        Assert.True(footprint.PeakWorkingSetBytes >= footprint.SettledWorkingSetBytes && footprint.SettledWorkingSetBytes > 0);

        var text = ControllerBench.Render(report);
        Assert.Contains("CloneSet scale-out, pods Ready/s (of raw creates/s)", text, StringComparison.Ordinal);
        Assert.Contains("restart until every Pod entity is live", text, StringComparison.Ordinal);
        Assert.Contains("bare pods Ready/s, no controller", text, StringComparison.Ordinal);

        ControllerChart.Save(report, _chart);
        var png = await File.ReadAllBytesAsync(_chart);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    public void Dispose() => File.Delete(_chart);
}
