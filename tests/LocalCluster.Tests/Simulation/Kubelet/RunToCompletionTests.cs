using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>Pods told to run for a while (run-seconds, exit-code annotations): completion, failure, restarts by policy.</summary>
public class RunToCompletionTests
{
    private static PodTimeline Job(string restartPolicy, double seconds, int exitCode, params ContainerSpec[] containers) =>
        new(PodOf(containers.Length > 0 ? containers : [C()]) with
        {
            RestartPolicy = restartPolicy,
            RunLimit = new RunLimit(TimeSpan.FromSeconds(seconds), exitCode),
        });

    [Theory]
    [InlineData("Never", 0, "Succeeded", "Completed", "PodCompleted")]
    [InlineData("Never", 3, "Failed", "Error", "PodFailed")]
    [InlineData("OnFailure", 0, "Succeeded", "Completed", "PodCompleted")]
    public void A_container_that_exits_ends_the_pod_by_its_exit_code(string policy, int exitCode, string phase, string reason, string readyReason)
    {
        var pod = Job(policy, 5, exitCode);

        pod.Sync(T0);
        Assert.Equal("Running", pod.Phase);
        Assert.Equal(T0.AddSeconds(5), pod.Last.NextDue);
        Assert.False(pod.Last.ReleaseNetwork);

        var plan = pod.Sync(T0.AddSeconds(5));

        Assert.Equal(phase, pod.Phase);
        Assert.True(plan.ReleaseNetwork);
        Assert.Null(plan.NextDue);
        Assert.Empty(plan.Events);
        var terminated = pod.Container()["state"]!["terminated"]!;
        Assert.Equal(exitCode, JsonRead.Int(terminated, "exitCode"));
        Assert.Equal(reason, JsonRead.Str(terminated, "reason"));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(terminated, "startedAt"));
        Assert.Equal("2025-03-01T12:00:05Z", JsonRead.Str(terminated, "finishedAt"));
        Assert.False(JsonRead.Bool(pod.Container(), "ready"));
        Assert.Equal(("False", readyReason), (pod.ConditionStatus("Ready"), JsonRead.Str(pod.Condition("Ready"), "reason")));
        Assert.Equal(("False", readyReason), (pod.ConditionStatus("ContainersReady"), JsonRead.Str(pod.Condition("ContainersReady"), "reason")));
        Assert.Equal("False", pod.ConditionStatus("PodReadyToStartContainers"));
        Assert.Equal("True", pod.ConditionStatus("Initialized"));
        Assert.Equal("10.244.1.2", JsonRead.Str(pod.Status, "podIP"));
    }

    [Fact]
    public void A_completed_pod_stays_completed()
    {
        var pod = Job("Never", 1, 0);
        pod.RunUntilIdle(T0);

        var plan = pod.Sync(T0.AddHours(1));

        Assert.Equal("Succeeded", pod.Phase);
        Assert.Empty(plan.Events);
        Assert.Null(plan.NextDue);
    }

    [Fact]
    public void Exit_zero_after_no_time_completes_in_the_first_plan()
    {
        var pod = Job("Never", 0, 0);

        pod.Sync(T0);

        Assert.Equal("Succeeded", pod.Phase);
        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], pod.Reasons);
    }

    [Fact]
    public void One_failed_container_fails_a_Never_pod()
    {
        var pod = new PodTimeline(PodOf(C("a"), C("b", "busybox")) with { RestartPolicy = "Never", RunLimit = new RunLimit(TimeSpan.FromSeconds(1), 2) });

        pod.RunUntilIdle(T0);

        Assert.Equal("Failed", pod.Phase);
        Assert.Equal(2, JsonRead.Int(pod.Container("b"), "state", "terminated", "exitCode"));
    }

    [Fact]
    public void OnFailure_restarts_a_failed_container_at_once_then_backs_off_doubling()
    {
        var pod = Job("OnFailure", 5, 1);
        pod.Sync(T0);

        pod.Sync(T0.AddSeconds(5));
        Assert.Equal("Running", pod.Phase);
        Assert.Equal(1, JsonRead.Int(pod.Container(), "restartCount"));
        Assert.True(JsonRead.Has(pod.Container(), "state", "running"));
        Assert.Equal(1, JsonRead.Int(pod.Container(), "lastState", "terminated", "exitCode"));
        Assert.Equal("Error", JsonRead.Str(pod.Container(), "lastState", "terminated", "reason"));
        Assert.Equal(["Pulled", "Created", "Started"], pod.Reasons);

        pod.Sync(T0.AddSeconds(10));
        var backOff = Assert.Single(pod.Last.Events);
        Assert.Equal((KubeletEvent.Warning, "BackOff", "Back-off restarting failed container nginx in pod web_default(uid-1)"), (backOff.Type, backOff.Reason, backOff.Message));
        Assert.Equal("Running", pod.Phase);
        Assert.Equal("CrashLoopBackOff", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.Equal("back-off 10s restarting failed container=nginx pod=web_default(uid-1)", JsonRead.Str(pod.Container(), "state", "waiting", "message"));
        Assert.Equal(1, JsonRead.Int(pod.Container(), "restartCount"));
        Assert.Equal(T0.AddSeconds(20), pod.Last.NextDue);

        pod.Sync(T0.AddSeconds(20));
        Assert.Equal(2, JsonRead.Int(pod.Container(), "restartCount"));
        pod.Sync(T0.AddSeconds(25));
        Assert.Equal("back-off 20s restarting failed container=nginx pod=web_default(uid-1)", JsonRead.Str(pod.Container(), "state", "waiting", "message"));
        Assert.Equal(T0.AddSeconds(45), pod.Last.NextDue);
    }

    [Fact]
    public void Back_off_stops_doubling_at_the_maximum()
    {
        var pod = new PodTimeline(PodOf(C()) with { RestartPolicy = "OnFailure", RunLimit = new RunLimit(TimeSpan.Zero, 1) },
            KubeletTimings.Instant with { RestartBackoff = TimeSpan.FromSeconds(10), MaxRestartBackoff = TimeSpan.FromSeconds(30) });

        pod.RunUntilIdle(T0, steps: 6);

        Assert.Equal("back-off 30s restarting failed container=nginx pod=web_default(uid-1)", JsonRead.Str(pod.Container(), "state", "waiting", "message"));
    }

    [Fact]
    public void Restart_policy_Always_restarts_even_a_container_that_exited_zero()
    {
        var pod = Job("Always", 5, 0);
        pod.Sync(T0);

        pod.Sync(T0.AddSeconds(5));

        Assert.Equal("Running", pod.Phase);
        Assert.Equal(1, JsonRead.Int(pod.Container(), "restartCount"));
        Assert.Equal("Completed", JsonRead.Str(pod.Container(), "lastState", "terminated", "reason"));
    }

    [Fact]
    public void A_pod_without_the_annotation_keeps_running()
    {
        var pod = new PodTimeline(PodOf(C()) with { RestartPolicy = "Never" });

        pod.Sync(T0);
        pod.Sync(T0.AddDays(1));

        Assert.Equal("Running", pod.Phase);
        Assert.Null(pod.Last.NextDue);
    }

    [Theory]
    [InlineData("5", "0", 5.0, 0)]
    [InlineData("2.5", "7", 2.5, 7)]
    [InlineData("1", "-1", 1.0, -1)]
    [InlineData("1", "x", 1.0, 0)]
    public void The_annotations_set_the_run_time_and_exit_code(string seconds, string exitCode, double runSeconds, int code)
    {
        var view = PodView.Parse(PodObject(seconds, exitCode));

        Assert.Equal(new RunLimit(TimeSpan.FromSeconds(runSeconds), code), view.RunLimit);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-3")]
    [InlineData("")]
    public void A_run_time_that_is_no_number_of_seconds_is_ignored(string seconds) =>
        Assert.Null(PodView.Parse(PodObject(seconds, "1")).RunLimit);

    private static JsonObject PodObject(string seconds, string exitCode) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = "job",
            ["annotations"] = new JsonObject
            {
                [SimulationConventions.RunSecondsAnnotation] = seconds,
                [SimulationConventions.ExitCodeAnnotation] = exitCode,
            },
        },
        ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["containers"] = new JsonArray() },
    };
}
