using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>Init containers run first, one after another, and complete; sidecars (restartPolicy Always) keep running.</summary>
public class InitContainerTests
{
    private static PodView WithInit(params ContainerSpec[] init) => PodOf(C()) with { InitContainers = init };

    [Fact]
    public void With_no_latency_init_containers_complete_and_the_app_runs_in_one_plan()
    {
        var pod = new PodTimeline(WithInit(C("setup", "busybox:1.36"), C("migrate", "busybox:1.36")));

        pod.Sync(T0);

        Assert.Equal("Running", pod.Phase);
        Assert.Equal(
            ["spec.initContainers{setup}", "spec.initContainers{migrate}", "spec.containers{nginx}"],
            pod.Last.Events.Where(e => e.Reason == "Started").Select(e => e.FieldPath));
        Assert.Equal("Container image \"busybox:1.36\" already present on machine", pod.Last.Events.First(e => e.FieldPath == "spec.initContainers{migrate}").Message);
        foreach (var name in new[] { "setup", "migrate" })
        {
            var init = pod.InitContainer(name);
            Assert.Equal("Completed", JsonRead.Str(init, "state", "terminated", "reason"));
            Assert.Equal(0, JsonRead.Int(init, "state", "terminated", "exitCode"));
            Assert.False(JsonRead.Bool(init, "ready"));
        }
        Assert.Equal(["setup", "migrate"], JsonRead.Objects(pod.Status, "initContainerStatuses").Select(c => JsonRead.Str(c, "name")));
        Assert.Equal("True", pod.ConditionStatus("Initialized"));
        Assert.Equal("True", pod.ConditionStatus("Ready"));
    }

    [Fact]
    public void With_latencies_init_containers_run_one_after_another_before_the_app()
    {
        var timings = KubeletTimings.Instant with { InitContainerRun = TimeSpan.FromSeconds(1) };
        var pod = new PodTimeline(WithInit(C("setup", "busybox:1.36"), C("migrate", "busybox:1.36")), timings);

        pod.Sync(T0);

        Assert.Equal("Pending", pod.Phase);
        Assert.True(JsonRead.Has(pod.InitContainer("setup"), "state", "running"));
        Assert.Equal("PodInitializing", JsonRead.Str(pod.InitContainer("migrate"), "state", "waiting", "reason"));
        Assert.Equal("PodInitializing", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.Equal("ContainersNotInitialized", JsonRead.Str(pod.Condition("Initialized"), "reason"));
        Assert.Equal("containers with incomplete status: [setup migrate]", JsonRead.Str(pod.Condition("Initialized"), "message"));
        Assert.Equal(T0.AddSeconds(1), pod.Last.NextDue);

        pod.Sync(T0.AddSeconds(1));
        Assert.Equal("Completed", JsonRead.Str(pod.InitContainer("setup"), "state", "terminated", "reason"));
        Assert.True(JsonRead.Has(pod.InitContainer("migrate"), "state", "running"));
        Assert.Equal("containers with incomplete status: [migrate]", JsonRead.Str(pod.Condition("Initialized"), "message"));

        pod.Sync(T0.AddSeconds(2));
        Assert.Equal("Running", pod.Phase);
        Assert.Equal("True", pod.ConditionStatus("Initialized"));
        Assert.Equal("2025-03-01T12:00:02Z", JsonRead.Str(pod.Container(), "state", "running", "startedAt"));
    }

    [Fact]
    public void An_init_container_that_cannot_start_holds_the_pod_in_initialization()
    {
        var pod = new PodTimeline(WithInit(C("setup", "Bad:Image")));

        pod.Sync(T0);

        Assert.Equal("Pending", pod.Phase);
        Assert.Equal("InvalidImageName", JsonRead.Str(pod.InitContainer("setup"), "state", "waiting", "reason"));
        Assert.Equal("PodInitializing", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.DoesNotContain(pod.Last.Events, e => e.FieldPath == "spec.containers{nginx}");
    }

    [Fact]
    public void A_sidecar_keeps_running_beside_the_app_and_counts_for_readiness()
    {
        var timings = KubeletTimings.Instant with { Readiness = TimeSpan.FromSeconds(1) };
        var pod = new PodTimeline(WithInit(C("proxy", "envoyproxy/envoy:v1.31", sidecar: true)), timings);

        pod.Sync(T0);

        Assert.True(JsonRead.Has(pod.InitContainer("proxy"), "state", "running"));
        Assert.True(JsonRead.Bool(pod.InitContainer("proxy"), "started"));
        Assert.True(JsonRead.Has(pod.Container(), "state", "running"));
        Assert.Equal("containers with unready status: [proxy nginx]", JsonRead.Str(pod.Condition("ContainersReady"), "message"));

        pod.Sync(T0.AddSeconds(1));
        Assert.Equal("True", pod.ConditionStatus("ContainersReady"));
        Assert.True(JsonRead.Bool(pod.InitContainer("proxy"), "ready"));
    }

    [Fact]
    public void A_sidecar_is_stopped_once_the_job_beside_it_completes()
    {
        var pod = new PodTimeline(WithInit(C("proxy", "envoyproxy/envoy:v1.31", sidecar: true)) with
        {
            RestartPolicy = "Never",
            RunLimit = new RunLimit(TimeSpan.FromSeconds(3), 0),
        });

        pod.RunUntilIdle(T0);

        Assert.Equal("Succeeded", pod.Phase);
        Assert.Equal("Completed", JsonRead.Str(pod.InitContainer("proxy"), "state", "terminated", "reason"));
    }

    [Fact]
    public void Changing_a_completed_init_containers_image_does_not_run_it_again()
    {
        var pod = new PodTimeline(WithInit(C("setup", "busybox:1.36")));
        pod.Sync(T0);
        pod.Pod = pod.Pod with { InitContainers = [C("setup", "busybox:1.37")] };

        pod.Sync(T0.AddMinutes(1));

        Assert.Empty(pod.Last.Events);
        Assert.Equal("docker.io/library/busybox:1.36", JsonRead.Str(pod.InitContainer("setup"), "image"));
    }
}
