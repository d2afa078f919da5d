using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>A running pod's container image changes: only that container is killed and started again, the pod stays.</summary>
public class InPlaceRestartTests
{
    private static PodTimeline RunningPod(KubeletTimings? timings = null, params ContainerSpec[] containers)
    {
        var pod = new PodTimeline(PodOf(containers.Length > 0 ? containers : [C()]), timings);
        pod.RunUntilIdle(T0);
        Assert.Equal("Running", pod.Phase);
        return pod;
    }

    private static void ChangeImage(PodTimeline pod, string container, string image) =>
        pod.Pod = pod.Pod with { Containers = pod.Pod.Containers.Select(c => c.Name == container ? c with { Image = image } : c).ToList() };

    [Fact]
    public void The_container_is_killed_first_and_shows_terminated_and_not_ready_in_a_status_of_its_own()
    {
        var pod = RunningPod();
        var oldId = JsonRead.Str(pod.Container(), "containerID");
        ChangeImage(pod, "nginx", "nginx:1.26");

        var plan = pod.Sync(T0.AddMinutes(1));

        var killing = Assert.Single(plan.Events);
        Assert.Equal(("Killing", "Container nginx definition changed, will be restarted", "spec.containers{nginx}"), (killing.Reason, killing.Message, killing.FieldPath));
        Assert.Equal(T0.AddMinutes(1), plan.NextDue);
        Assert.True(plan.WriteStatus);
        var container = pod.Container();
        Assert.Equal(oldId, JsonRead.Str(container, "state", "terminated", "containerID"));
        Assert.Equal(0, JsonRead.Int(container, "state", "terminated", "exitCode"));
        Assert.Equal("Completed", JsonRead.Str(container, "state", "terminated", "reason"));
        Assert.Equal("docker.io/library/nginx:1.25", JsonRead.Str(container, "image"));
        Assert.False(JsonRead.Bool(container, "ready"));
        Assert.Equal(0, JsonRead.Int(container, "restartCount"));
        Assert.Equal("Running", pod.Phase);
        Assert.Equal("False", pod.ConditionStatus("Ready"));
        Assert.Equal("False", pod.ConditionStatus("ContainersReady"));
    }

    [Fact]
    public void Then_the_new_image_runs_in_a_new_container_with_restartCount_one_and_the_old_one_as_lastState()
    {
        var pod = RunningPod();
        var oldId = JsonRead.Str(pod.Container(), "containerID");
        var oldImageId = JsonRead.Str(pod.Container(), "imageID");
        var podIp = JsonRead.Str(pod.Status, "podIP");
        var startTime = JsonRead.Str(pod.Status, "startTime");
        ChangeImage(pod, "nginx", "nginx:1.26");
        pod.Sync(T0.AddMinutes(1));

        var plan = pod.Sync(T0.AddMinutes(1));

        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], plan.Events.Select(e => e.Reason));
        Assert.Equal("Pulling image \"nginx:1.26\"", plan.Events[0].Message);
        var container = pod.Container();
        Assert.Equal(1, JsonRead.Int(container, "restartCount"));
        Assert.Equal("docker.io/library/nginx:1.26", JsonRead.Str(container, "image"));
        Assert.Equal(ImageReference.Parse("nginx:1.26").Reference!.ImageId, JsonRead.Str(container, "imageID"));
        Assert.NotEqual(oldImageId, JsonRead.Str(container, "imageID"));
        Assert.NotEqual(oldId, JsonRead.Str(container, "containerID"));
        Assert.Matches("^containerd://[0-9a-f]{64}$", JsonRead.Str(container, "containerID"));
        Assert.Equal(oldId, JsonRead.Str(container, "lastState", "terminated", "containerID"));
        Assert.Equal("Completed", JsonRead.Str(container, "lastState", "terminated", "reason"));
        Assert.Equal(0, JsonRead.Int(container, "lastState", "terminated", "exitCode"));
        Assert.True(JsonRead.Bool(container, "ready"));
        Assert.Equal("True", pod.ConditionStatus("Ready"));
        Assert.Equal(podIp, JsonRead.Str(pod.Status, "podIP"));
        Assert.Equal(startTime, JsonRead.Str(pod.Status, "startTime"));
        Assert.Null(plan.NextDue);
    }

    [Fact]
    public void Only_the_changed_container_restarts()
    {
        var pod = RunningPod(null, C("nginx"), C("sidecar", "busybox:1.36"));
        var sidecarId = JsonRead.Str(pod.Container("sidecar"), "containerID");
        ChangeImage(pod, "nginx", "nginx:1.26");

        pod.RunUntilIdle(T0.AddMinutes(1));

        Assert.Equal(1, JsonRead.Int(pod.Container("nginx"), "restartCount"));
        Assert.Equal(0, JsonRead.Int(pod.Container("sidecar"), "restartCount"));
        Assert.Equal(sidecarId, JsonRead.Str(pod.Container("sidecar"), "containerID"));
        Assert.DoesNotContain(pod.AllEvents, e => e.FieldPath == "spec.containers{sidecar}" && e.At > T0);
    }

    [Fact]
    public void An_image_already_on_the_node_is_reported_present_on_restart()
    {
        var pod = RunningPod();
        pod.Images["docker.io/library/nginx:1.26"] = T0;
        ChangeImage(pod, "nginx", "nginx:1.26");

        pod.RunUntilIdle(T0.AddMinutes(1));

        Assert.Equal(["Killing", "Pulled", "Created", "Started"], pod.AllEvents.Where(e => e.At > T0).Select(e => e.Reason));
        Assert.Equal("Container image \"nginx:1.26\" already present on machine", pod.AllEvents.Single(e => e.At > T0 && e.Reason == "Pulled").Message);
    }

    [Fact]
    public void With_a_stop_latency_the_container_runs_not_ready_until_it_has_stopped()
    {
        var timings = KubeletTimings.Instant with { ContainerStop = TimeSpan.FromSeconds(2) };
        var pod = RunningPod(timings);
        ChangeImage(pod, "nginx", "nginx:1.26");

        var plan = pod.Sync(T0.AddMinutes(1));

        Assert.Equal(["Killing"], plan.Events.Select(e => e.Reason));
        Assert.Equal(T0.AddMinutes(1).AddSeconds(2), plan.NextDue);
        Assert.True(JsonRead.Has(pod.Container(), "state", "running"));
        Assert.False(JsonRead.Bool(pod.Container(), "ready"));
        Assert.Equal("False", pod.ConditionStatus("Ready"));

        pod.Sync(T0.AddMinutes(1).AddSeconds(2));
        Assert.Equal("2025-03-01T12:01:02Z", JsonRead.Str(pod.Container(), "state", "terminated", "finishedAt"));
        pod.Sync(pod.Last.NextDue!.Value);
        Assert.Equal(1, JsonRead.Int(pod.Container(), "restartCount"));
    }

    [Fact]
    public void The_stop_takes_no_longer_than_the_grace_period()
    {
        var timings = KubeletTimings.Instant with { ContainerStop = TimeSpan.FromSeconds(20) };
        var pod = RunningPod(timings);
        pod.Pod = pod.Pod with { GracePeriodSeconds = 3 };
        ChangeImage(pod, "nginx", "nginx:1.26");

        pod.Sync(T0.AddMinutes(1));

        Assert.Equal(T0.AddMinutes(1).AddSeconds(3), pod.Last.NextDue);
    }

    [Fact]
    public void A_second_image_change_restarts_again_and_keeps_the_last_two_containers()
    {
        var pod = RunningPod();
        ChangeImage(pod, "nginx", "nginx:1.26");
        pod.RunUntilIdle(T0.AddMinutes(1));
        var secondId = JsonRead.Str(pod.Container(), "containerID");
        ChangeImage(pod, "nginx", "nginx:1.27");

        pod.RunUntilIdle(T0.AddMinutes(2));

        Assert.Equal(2, JsonRead.Int(pod.Container(), "restartCount"));
        Assert.Equal("docker.io/library/nginx:1.27", JsonRead.Str(pod.Container(), "image"));
        Assert.Equal(secondId, JsonRead.Str(pod.Container(), "lastState", "terminated", "containerID"));
    }

    [Fact]
    public void An_image_changed_during_the_pull_starts_the_newest_image()
    {
        var pod = new PodTimeline(PodOf(C()), KubeletOptions.Realistic.Timings with { PodSandbox = TimeSpan.Zero });
        pod.Sync(T0);
        ChangeImage(pod, "nginx", "nginx:1.26");

        pod.RunUntilIdle(T0.AddMilliseconds(200));

        Assert.Equal("docker.io/library/nginx:1.26", JsonRead.Str(pod.Container(), "image"));
        Assert.Equal(0, JsonRead.Int(pod.Container(), "restartCount"));
        Assert.Equal(["Pulling", "Pulling", "Pulled", "Created", "Started"], pod.AllEvents.Select(e => e.Reason));
    }

    [Fact]
    public void A_restart_policy_Never_pod_still_restarts_a_container_whose_image_changed()
    {
        var pod = new PodTimeline(PodOf(C()) with { RestartPolicy = "Never" });
        pod.RunUntilIdle(T0);
        ChangeImage(pod, "nginx", "nginx:1.26");

        pod.RunUntilIdle(T0.AddMinutes(1));

        Assert.Equal("Running", pod.Phase);
        Assert.Equal(1, JsonRead.Int(pod.Container(), "restartCount"));
    }
}
