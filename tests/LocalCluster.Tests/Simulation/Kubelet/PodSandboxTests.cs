using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>A new pod pays for its sandbox (pause container, network, CNI) before any container; an in-place restart does not.</summary>
public class PodSandboxTests
{
    private static readonly KubeletTimings Sandboxed = KubeletTimings.Instant with { PodSandbox = TimeSpan.FromSeconds(2) };

    [Fact]
    public void A_new_pod_is_ContainerCreating_without_an_IP_until_its_sandbox_is_set_up()
    {
        var pod = new PodTimeline(PodOf(C()), Sandboxed);

        var plan = pod.Sync(T0);

        Assert.Empty(plan.Events);
        Assert.True(plan.WriteStatus);
        Assert.Equal(T0.AddSeconds(2), plan.NextDue);
        Assert.Equal("Pending", pod.Phase);
        Assert.Equal("ContainerCreating", JsonRead.Str(pod.Container(), "state", "waiting", "reason"));
        Assert.False(JsonRead.Has(pod.Status, "podIP"));
        Assert.Equal("False", pod.ConditionStatus("PodReadyToStartContainers"));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(pod.Status, "startTime"));
    }

    [Fact]
    public void Once_the_sandbox_is_up_the_containers_start_and_the_pod_shows_its_IP()
    {
        var pod = new PodTimeline(PodOf(C()), Sandboxed);
        pod.Sync(T0);

        var plan = pod.Sync(T0.AddSeconds(2));

        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], plan.Events.Select(e => e.Reason));
        Assert.All(plan.Events, e => Assert.Equal(T0.AddSeconds(2), e.At));
        Assert.Equal("Running", pod.Phase);
        Assert.Equal("10.244.1.2", JsonRead.Str(pod.Status, "podIP"));
        Assert.Equal("True", pod.ConditionStatus("PodReadyToStartContainers"));
        Assert.Equal("True", pod.ConditionStatus("Ready"));
    }

    [Fact]
    public void A_sync_before_the_sandbox_is_up_starts_nothing()
    {
        var pod = new PodTimeline(PodOf(C()), Sandboxed);
        pod.Sync(T0);

        var plan = pod.Sync(T0.AddSeconds(1));

        Assert.Empty(plan.Events);
        Assert.Equal(T0.AddSeconds(2), plan.NextDue);
        Assert.Equal("Pending", pod.Phase);
    }

    [Fact]
    public void A_late_sync_starts_the_containers_at_the_time_the_sandbox_was_ready()
    {
        var pod = new PodTimeline(PodOf(C()), Sandboxed);
        pod.Sync(T0);

        var plan = pod.Sync(T0.AddSeconds(30));

        Assert.Equal(["Pulling", "Pulled", "Created", "Started"], plan.Events.Select(e => e.Reason));
        Assert.All(plan.Events, e => Assert.Equal(T0.AddSeconds(2), e.At));
        Assert.Equal("2025-03-01T12:00:02Z", JsonRead.Str(pod.Container(), "state", "running", "startedAt"));
    }

    [Fact]
    public void An_in_place_restart_reuses_the_sandbox_and_waits_for_none()
    {
        var pod = new PodTimeline(PodOf(C()), Sandboxed);
        pod.RunUntilIdle(T0);
        var ip = JsonRead.Str(pod.Status, "podIP");
        pod.Pod = pod.Pod with { Containers = [C(image: "nginx:1.26")] };

        pod.RunUntilIdle(T0.AddMinutes(1));

        Assert.Equal("docker.io/library/nginx:1.26", JsonRead.Str(pod.Container(), "image"));
        Assert.Equal("2025-03-01T12:01:00Z", JsonRead.Str(pod.Container(), "state", "running", "startedAt"));
        Assert.Equal(1, JsonRead.Int(pod.Container(), "restartCount"));
        Assert.Equal(ip, JsonRead.Str(pod.Status, "podIP"));
    }

    [Fact]
    public void A_pod_deleted_before_its_sandbox_is_up_is_deleted_without_starting_anything()
    {
        var pod = new PodTimeline(PodOf(C()), Sandboxed);
        pod.Sync(T0);
        pod.Pod = pod.Pod with { Deleting = true };

        var plan = pod.Sync(T0.AddSeconds(1));

        Assert.True(plan.DeletePod);
        Assert.Empty(plan.Events);
        Assert.Null(plan.NextDue);
    }

    [Fact]
    public void A_restored_pod_that_already_had_its_IP_does_not_wait_for_a_sandbox_again()
    {
        var pod = new PodTimeline(PodOf(C()), Sandboxed);
        pod.RunUntilIdle(T0);
        var restored = RuntimeRestore.FromStatus(pod.Pod, pod.Object, Sandboxed);

        Assert.NotNull(restored);
        Assert.True(restored.SandboxReady(T0));
    }
}
