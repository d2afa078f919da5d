using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.PodTimeline;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>The kubelet's conditions: readiness gates, transition times, and conditions others own.</summary>
public class PodConditionTests
{
    private const string Gate = "InPlaceUpdateReady";

    private static PodTimeline Gated() => new(PodOf(C()) with { ReadinessGates = [Gate] });

    private static void SetCondition(PodTimeline pod, string type, string status)
    {
        var conditions = (JsonArray)pod.Status["conditions"]!;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonRead.Str(c, "type") == type);
        if (existing is not null)
            existing["status"] = status;
        else
            conditions.Insert(0, new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = "2025-03-01T11:00:00Z" });
    }

    [Fact]
    public void A_readiness_gate_without_its_condition_holds_Ready_false_while_containers_are_ready()
    {
        var pod = Gated();

        pod.Sync(T0);

        Assert.Equal("True", pod.ConditionStatus("ContainersReady"));
        Assert.Equal("False", pod.ConditionStatus("Ready"));
        Assert.Equal("ReadinessGatesNotReady", JsonRead.Str(pod.Condition("Ready"), "reason"));
        Assert.Equal("corresponding condition of pod readiness gate \"InPlaceUpdateReady\" does not exist.", JsonRead.Str(pod.Condition("Ready"), "message"));
        Assert.True(JsonRead.Bool(pod.Container(), "ready"));
    }

    [Fact]
    public void A_readiness_gate_condition_that_is_not_True_is_named_with_its_status()
    {
        var pod = Gated();
        pod.Sync(T0);
        SetCondition(pod, Gate, "False");

        pod.Sync(T0.AddSeconds(1));

        Assert.Equal("the status of pod readiness gate \"InPlaceUpdateReady\" is not \"True\", but False", JsonRead.Str(pod.Condition("Ready"), "message"));
    }

    [Fact]
    public void Ready_follows_the_gate_condition_both_ways_and_the_gate_condition_is_kept_first()
    {
        var pod = Gated();
        pod.Sync(T0);
        SetCondition(pod, Gate, "True");

        pod.Sync(T0.AddSeconds(1));
        Assert.Equal("True", pod.ConditionStatus("Ready"));
        Assert.Equal("2025-03-01T12:00:01Z", JsonRead.Str(pod.Condition("Ready"), "lastTransitionTime"));
        Assert.Equal([Gate, "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"],
            JsonRead.Objects(pod.Status, "conditions").Select(c => JsonRead.Str(c, "type")));
        Assert.Equal("True", pod.ConditionStatus(Gate));

        SetCondition(pod, Gate, "False");
        pod.Sync(T0.AddSeconds(2));
        Assert.Equal("False", pod.ConditionStatus("Ready"));
        Assert.Equal("2025-03-01T12:00:02Z", JsonRead.Str(pod.Condition("Ready"), "lastTransitionTime"));
    }

    [Fact]
    public void Two_gates_are_both_reported()
    {
        var pod = new PodTimeline(PodOf(C()) with { ReadinessGates = ["a.example.com/ready", "b.example.com/ready"] });
        pod.Sync(T0);
        SetCondition(pod, "a.example.com/ready", "Unknown");

        pod.Sync(T0.AddSeconds(1));

        Assert.Equal(
            "the status of pod readiness gate \"a.example.com/ready\" is not \"True\", but Unknown, corresponding condition of pod readiness gate \"b.example.com/ready\" does not exist.",
            JsonRead.Str(pod.Condition("Ready"), "message"));
    }

    [Fact]
    public void Transition_times_change_only_when_a_condition_changes()
    {
        var pod = new PodTimeline(PodOf(C()), KubeletTimings.Instant with { Readiness = TimeSpan.FromSeconds(3) });
        pod.Status["conditions"] = new JsonArray(new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastTransitionTime"] = "2025-03-01T11:59:59Z", ["lastProbeTime"] = null });

        pod.Sync(T0);
        Assert.Equal("2025-03-01T11:59:59Z", JsonRead.Str(pod.Condition("PodScheduled"), "lastTransitionTime"));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(pod.Condition("Ready"), "lastTransitionTime"));

        pod.Sync(T0.AddSeconds(3));
        Assert.Equal("2025-03-01T12:00:00Z", JsonRead.Str(pod.Condition("Initialized"), "lastTransitionTime"));
        Assert.Equal("2025-03-01T12:00:03Z", JsonRead.Str(pod.Condition("Ready"), "lastTransitionTime"));
        Assert.Equal("2025-03-01T11:59:59Z", JsonRead.Str(pod.Condition("PodScheduled"), "lastTransitionTime"));
        Assert.Null(pod.Condition("Ready")["lastProbeTime"]);
        Assert.True(pod.Condition("Ready").ContainsKey("lastProbeTime"));
    }

    [Fact]
    public void Status_fields_others_set_are_kept()
    {
        var pod = new PodTimeline(PodOf(C()));
        pod.Status["nominatedNodeName"] = "node-9";
        pod.Status["qosClass"] = "Burstable";

        pod.Sync(T0);

        Assert.Equal("node-9", JsonRead.Str(pod.Status, "nominatedNodeName"));
        Assert.Equal("Burstable", JsonRead.Str(pod.Status, "qosClass"));
    }

    [Fact]
    public void A_host_network_pod_shows_the_address_it_was_given_as_its_pod_IP()
    {
        var pod = new PodTimeline(PodOf(C()) with { HostNetwork = true }) { NextNetwork = new("172.18.0.2", null) };

        pod.Sync(T0);

        Assert.Equal("172.18.0.2", JsonRead.Str(pod.Status, "podIP"));
        Assert.Equal(JsonRead.Str(pod.Status, "hostIP"), JsonRead.Str(pod.Status, "podIP"));
    }
}
