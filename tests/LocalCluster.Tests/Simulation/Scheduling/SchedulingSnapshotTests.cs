using Kruise.Actors.LocalCluster.Simulation.Scheduling;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling.SchedulingObjects;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>The scheduler's incremental view: sums follow pods in, out, and across nodes.</summary>
public class SchedulingSnapshotTests
{
    [Fact]
    public void Sums_follow_pods_placed_moved_and_removed()
    {
        var snapshot = Snapshot([Node("n1"), Node("n2")]);
        var pod = Pod("p").Owner("rs").Requests(cpu: "1", memory: "1Gi").Facts;
        snapshot.Place(pod, "n1");
        Assert.Equal(1000, snapshot.Node("n1")!.Requested.MilliCpu);
        Assert.Equal(1, snapshot.GroupCounter(pod)(snapshot.Node("n1")!));
        snapshot.Place(pod, "n2");
        Assert.Equal(0, snapshot.Node("n1")!.Requested.MilliCpu);
        Assert.Equal(0, snapshot.Node("n1")!.PodCount);
        Assert.Equal(1, snapshot.Node("n2")!.PodCount);
        Assert.Equal("n2", snapshot.Remove(pod.Uid));
        Assert.Equal(0, snapshot.Node("n2")!.Requested.MilliCpu);
        Assert.Equal(0, snapshot.Node("n2")!.NonZeroMemory);
        Assert.Equal(0, snapshot.PlacedPods);
    }

    [Fact]
    public void A_finished_pod_holds_nothing()
    {
        var snapshot = Snapshot([Node("n1")]);
        snapshot.Place(Pod("p").Requests(cpu: "1").Facts, "n1");
        snapshot.Place(Pod("p").Requests(cpu: "1").Phase("Failed").Facts, "n1");
        Assert.Equal(0, snapshot.Node("n1")!.PodCount);
        Assert.Null(snapshot.PlacementOf("uid-p"));
    }

    [Fact]
    public void Pods_on_a_node_not_yet_seen_count_once_it_appears_and_stay_counted_after_it_goes()
    {
        var snapshot = new SchedulingSnapshot();
        snapshot.Place(Pod("p").Requests(cpu: "1").Facts, "late");
        Assert.Empty(snapshot.Nodes);
        Assert.True(snapshot.SetNode(Node("late").Facts));
        Assert.Equal(1000, snapshot.Node("late")!.Requested.MilliCpu);
        snapshot.RemoveNode("late");
        Assert.Empty(snapshot.Nodes);
        snapshot.SetNode(Node("late").Facts);
        Assert.Equal(1, snapshot.Node("late")!.PodCount);
    }

    [Fact]
    public void Only_node_changes_that_matter_to_scheduling_are_reported()
    {
        var snapshot = new SchedulingSnapshot();
        Assert.True(snapshot.SetNode(Node("n1").Facts));
        Assert.False(snapshot.SetNode(Node("n1").Facts));
        Assert.True(snapshot.SetNode(Node("n1").Taint("k", "v", "NoSchedule").Facts));
        Assert.True(snapshot.SetNode(Node("n1").Facts));
        Assert.True(snapshot.SetNode(Node("n1").Allocatable(cpu: "8").Facts));
        Assert.True(snapshot.SetNode(Node("n1").Allocatable(cpu: "8").Label("zone", "x").Facts));
    }

    [Fact]
    public void Spread_groups_are_the_controller_or_else_namespace_and_labels()
    {
        Assert.Equal(Pod("a").Owner("rs-1").Labels("x=1").Facts.SpreadGroup, Pod("b").Owner("rs-1").Labels("x=2").Facts.SpreadGroup);
        Assert.NotEqual(Pod("a").Owner("rs-1").Facts.SpreadGroup, Pod("b").Owner("rs-2").Facts.SpreadGroup);
        Assert.Equal(Pod("a").Labels("x=1", "y=2").Facts.SpreadGroup, Pod("b").Labels("y=2", "x=1").Facts.SpreadGroup);
        Assert.NotEqual(Pod("a").Labels("x=1").Facts.SpreadGroup, Pod("b").Labels("x=1").Namespace("other").Facts.SpreadGroup);
        Assert.NotEqual(Pod("a").Labels("x=1").Facts.SpreadGroup, Pod("b").Labels("x=2").Facts.SpreadGroup);
    }
}
