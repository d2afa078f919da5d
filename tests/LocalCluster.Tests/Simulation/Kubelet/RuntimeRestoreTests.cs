using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using Kruise.Actors.LocalCluster.Simulation.Network;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>After a restart the runtime's record comes back from the status the last run wrote: nothing restarts for it.</summary>
public class RuntimeRestoreTests
{
    private static PodTimeline Restarted(PodTimeline before)
    {
        var record = RuntimeRestore.FromStatus(before.Pod, before.Object, before.Timings);
        return new PodTimeline(before.Pod, before.Timings) { Record = record, Object = (JsonObject)before.Object.DeepClone() };
    }

    [Fact]
    public void A_running_pod_keeps_its_containers_and_status()
    {
        var before = new PodTimeline(PodOf(C("nginx"), C("log", "busybox")));
        before.Sync(T0);
        var after = Restarted(before);
        var status = after.Status.DeepClone();

        after.Sync(T0.AddHours(1));

        Assert.Empty(after.Last.Events);
        Assert.True(JsonNode.DeepEquals(status, after.Status));
        Assert.False(KubeletPlanner.NeedsNetwork(after.Pod, after.Record));
    }

    [Fact]
    public void An_image_changed_while_the_kubelet_was_down_restarts_the_container_once_back()
    {
        var before = new PodTimeline(PodOf(C()));
        before.Sync(T0);
        var after = Restarted(before);
        after.Pod = after.Pod with { Containers = [C(image: "nginx:1.26")] };

        after.RunUntilIdle(T0.AddHours(1));

        Assert.Equal("Killing", after.AllEvents[0].Reason);
        Assert.Equal(1, JsonRead.Int(after.Container(), "restartCount"));
        Assert.Equal(JsonRead.Str(before.Container(), "containerID"), JsonRead.Str(after.Container(), "lastState", "terminated", "containerID"));
    }

    [Fact]
    public void A_restarted_container_keeps_its_restart_count_and_last_state()
    {
        var before = new PodTimeline(PodOf(C()));
        before.Sync(T0);
        before.Pod = before.Pod with { Containers = [C(image: "nginx:1.26")] };
        before.RunUntilIdle(T0.AddMinutes(1));
        var after = Restarted(before);
        var status = after.Status.DeepClone();

        after.Sync(T0.AddHours(1));

        Assert.Empty(after.Last.Events);
        Assert.True(JsonNode.DeepEquals(status, after.Status));
    }

    [Fact]
    public void A_running_job_still_ends_when_it_was_told_to()
    {
        var before = new PodTimeline(PodOf(C()) with { RestartPolicy = "Never", RunLimit = new RunLimit(TimeSpan.FromSeconds(30), 4) });
        before.Sync(T0);
        var after = Restarted(before);

        after.Sync(T0.AddSeconds(10));
        Assert.Equal(T0.AddSeconds(30), after.Last.NextDue);
        after.Sync(T0.AddSeconds(30));

        Assert.Equal("Failed", after.Phase);
        Assert.Equal(4, JsonRead.Int(after.Container(), "state", "terminated", "exitCode"));
    }

    [Fact]
    public void A_pod_the_kubelet_never_admitted_has_no_record()
    {
        var pod = new PodTimeline(PodOf(C()));

        Assert.Null(RuntimeRestore.FromStatus(pod.Pod, pod.Object, pod.Timings));
    }

    [Fact]
    public void A_pod_whose_sandbox_failed_gets_an_address_once_back()
    {
        var before = new PodTimeline(PodOf(C())) { NextNetwork = IpAssignment.Refused("no IP addresses available") };
        before.Sync(T0);
        var after = Restarted(before);

        Assert.True(KubeletPlanner.NeedsNetwork(after.Pod, after.Record));
        after.Sync(T0.AddMinutes(1));
        Assert.Equal("Running", after.Phase);
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(after.Status, "startTime"));
    }
}
