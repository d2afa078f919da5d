using Kruise.Actors.Bench.Rollout;

namespace Kruise.Actors.LocalCluster.Tests.Bench;

/// <summary>
/// The rollout benchmark at smoke size (10 pods, instant latencies): proves it still runs end to
/// end and that its figures describe what happened. No time is asserted.
/// </summary>
public sealed class RolloutBenchSmokeTests
{
    [Fact]
    public async Task Smoke_run_rolls_out_in_place_keeping_every_pod_and_by_recreate_replacing_every_pod()
    {
        var options = RolloutBenchOptions.SmokeDefaults;
        var report = await RolloutBench.Run(options, TextWriter.Null);

        Assert.Equal(["InPlaceIfPossible", "ReCreate"], report.Runs.Select(r => r.Strategy));
        var (inPlace, recreate) = (report.Runs[0], report.Runs[1]);
        Assert.Equal((options.Pods, options.Pods, options.Pods), (inPlace.PodsKeptName, inPlace.PodsKeptIp, inPlace.Restarts));
        Assert.Equal((0, 0), (recreate.PodsKeptName, recreate.Restarts));
        // The in-place update core's own writes on each pod: InPlaceUpdateReady False, one pod patch, True.
        Assert.Equal((options.Pods, 2 * options.Pods), (inPlace.WritesByResource.GetValueOrDefault("patch pods"), inPlace.WritesByResource.GetValueOrDefault("patch pods/status")));
        Assert.False(inPlace.WritesByResource.ContainsKey("create pods"), "an in-place rollout creates no pod");
        Assert.True(recreate.ControllerWrites >= 2 * options.Pods, $"ReCreate deletes and creates each pod, yet wrote {recreate.ControllerWrites} times");
        Assert.Contains("in-place / ReCreate rollout time", RolloutBench.Render(report), StringComparison.Ordinal);
    }
}
