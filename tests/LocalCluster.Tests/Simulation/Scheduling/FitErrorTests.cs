using Kruise.Actors.LocalCluster.Simulation.Scheduling;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling.SchedulingObjects;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>The FailedScheduling message, as kube-scheduler words it.</summary>
public class FitErrorTests
{
    [Fact]
    public void Unreachable_node_and_two_full_ones()
    {
        var nodes = new[]
        {
            Node("n1").Ready("Unknown").Taint("node.kubernetes.io/unreachable", "", "NoSchedule").Taint("node.kubernetes.io/unreachable", "", "NoExecute"),
            Node("n2").Allocatable(cpu: "1"),
            Node("n3").Allocatable(cpu: "1"),
        };
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient cpu. "
            + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
            Message(Pod("p").Requests(cpu: "2"), Snapshot(nodes)));
    }

    [Fact]
    public void Reasons_are_sorted_as_text_like_kube_scheduler_sorts_them()
    {
        // "10 ..." sorts before "2 ..." as strings do.
        var reasons = new Dictionary<string, int> { ["Insufficient cpu"] = 2, ["node(s) were unschedulable"] = 10 };
        Assert.Equal(
            "0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu.",
            FitError.Message(12, reasons, new Dictionary<string, int>()));
    }

    [Fact]
    public void A_node_failing_on_several_resources_counts_for_each()
    {
        var snapshot = Snapshot([Node("n1").Allocatable(cpu: "1", memory: "1Gi"), Node("n2").Allocatable(cpu: "8", memory: "1Gi")]);
        var decision = Assert.IsType<SchedulingDecision.Unschedulable>(SchedulingPlanner.Plan(Pod("p").Requests(cpu: "2", memory: "2Gi").Facts, snapshot));
        Assert.Equal(1, decision.Reasons["Insufficient cpu"]);
        Assert.Equal(2, decision.Reasons["Insufficient memory"]);
        Assert.StartsWith("0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims", decision.Message);
    }
}
