using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>A pod marked for deletion: its containers are stopped, then the kubelet deletes it for good.</summary>
public class GracefulDeletionTests
{
    private static PodTimeline Running(KubeletTimings? timings = null, params ContainerSpec[] containers)
    {
        var pod = new PodTimeline(PodOf(containers.Length > 0 ? containers : [C()]), timings);
        pod.RunUntilIdle(T0);
        return pod;
    }

    private static void Delete(PodTimeline pod, long grace = 30) => pod.Pod = pod.Pod with { Deleting = true, GracePeriodSeconds = grace };

    [Fact]
    public void Containers_are_stopped_and_the_pod_deleted_at_once_with_no_stop_latency()
    {
        var pod = Running(null, C("nginx"), C("log", "busybox"));
        Delete(pod);

        var plan = pod.Sync(T0.AddMinutes(1));

        Assert.True(plan.DeletePod);
        Assert.False(plan.WriteStatus);
        Assert.Equal(
            [("Killing", "Stopping container nginx", "spec.containers{nginx}"), ("Killing", "Stopping container log", "spec.containers{log}")],
            plan.Events.Select(e => (e.Reason, e.Message, e.FieldPath)));
        Assert.Null(plan.NextDue);
    }

    [Fact]
    public void The_delete_waits_for_the_containers_to_stop()
    {
        var pod = Running(KubeletTimings.Instant with { ContainerStop = TimeSpan.FromSeconds(2) });
        Delete(pod);

        var stopping = pod.Sync(T0.AddMinutes(1));
        Assert.False(stopping.DeletePod);
        Assert.Equal(T0.AddMinutes(1).AddSeconds(2), stopping.NextDue);

        var early = pod.Sync(T0.AddMinutes(1).AddSeconds(1));
        Assert.False(early.DeletePod);
        Assert.Empty(early.Events);

        var stopped = pod.Sync(T0.AddMinutes(1).AddSeconds(2));
        Assert.True(stopped.DeletePod);
        Assert.Empty(stopped.Events);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(0, 0)]
    public void The_stop_takes_the_shorter_of_the_grace_period_and_the_stop_latency(long grace, int seconds)
    {
        var pod = Running(KubeletTimings.Instant with { ContainerStop = TimeSpan.FromSeconds(2) });
        Delete(pod, grace);

        var plan = pod.Sync(T0.AddMinutes(1));

        if (seconds == 0)
            Assert.True(plan.DeletePod);
        else
            Assert.Equal(T0.AddMinutes(1).AddSeconds(seconds), plan.NextDue);
    }

    [Fact]
    public void The_final_delete_is_asked_for_once()
    {
        var pod = Running();
        Delete(pod);
        pod.Sync(T0.AddMinutes(1));

        var again = pod.Sync(T0.AddMinutes(2));

        Assert.False(again.DeletePod);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void A_pod_deleted_before_it_started_is_deleted_without_stopping_anything()
    {
        var pod = new PodTimeline(PodOf(C()) with { Deleting = true });

        var plan = pod.Sync(T0);

        Assert.True(plan.DeletePod);
        Assert.Empty(plan.Events);
        Assert.False(KubeletPlanner.NeedsNetwork(pod.Pod, null));
    }

    [Fact]
    public void A_pod_deleted_while_pulling_is_deleted_and_its_pull_forgotten()
    {
        var pod = new PodTimeline(PodOf(C()), KubeletOptions.Realistic.Timings with { PodSandbox = TimeSpan.Zero });
        pod.Sync(T0);
        Delete(pod);

        var plan = pod.Sync(T0.AddMilliseconds(100));

        Assert.True(plan.DeletePod);
        Assert.Empty(plan.Events);
        Assert.Null(plan.NextDue);
    }

    [Fact]
    public void A_deleted_job_whose_container_already_exited_is_deleted_without_a_kill()
    {
        var pod = new PodTimeline(PodOf(C()) with { RestartPolicy = "Never", RunLimit = new RunLimit(TimeSpan.FromSeconds(5), 0) });
        pod.Sync(T0);
        Delete(pod);

        var plan = pod.Sync(T0.AddSeconds(10));

        Assert.True(plan.DeletePod);
        Assert.Empty(plan.Events);
    }
}
