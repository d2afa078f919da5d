using static Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling.SchedulingObjects;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>topologySpreadConstraints: the DoNotSchedule filter and the ScheduleAnyway score.</summary>
public class TopologySpreadTests
{
    private static NodeBuilder[] Nodes() => [Node("a1").Zone("a"), Node("a2").Zone("a"), Node("b1").Zone("b"), Node("c1").Zone("c")];

    private static string Constraint(int maxSkew, string key, string when, string extra = "") =>
        "{\"topologySpreadConstraints\":[{\"maxSkew\":" + maxSkew + ",\"topologyKey\":\"" + key + "\",\"whenUnsatisfiable\":\"" + when
        + "\",\"labelSelector\":{\"matchLabels\":{\"app\":\"web\"}}" + extra + "}]}";

    private static PodBuilder Web(string name) => Pod(name).Labels("app=web");

    public static TheoryData<int, string[], string[]> ZoneSkew => new()
    {
        // maxSkew, nodes of the placed app=web pods, feasible nodes
        { 1, [], ["a1", "a2", "b1", "c1"] },
        { 1, ["a1"], ["b1", "c1"] },
        { 1, ["a1", "b1"], ["c1"] },
        { 1, ["a1", "b1", "c1"], ["a1", "a2", "b1", "c1"] },
        { 2, ["a1"], ["a1", "a2", "b1", "c1"] },
        { 2, ["a1", "a2"], ["b1", "c1"] },
    };

    [Theory]
    [MemberData(nameof(ZoneSkew))]
    public void DoNotSchedule_keeps_each_zone_within_maxSkew_of_the_emptiest(int maxSkew, string[] placedOn, string[] feasible)
    {
        var placed = placedOn.Select((node, i) => Web($"w{i}").On(node));
        var snapshot = Snapshot(Nodes(), placed);
        Assert.Equal(feasible, FeasibleNames(Web("p").Spec(Constraint(maxSkew, "topology.kubernetes.io/zone", "DoNotSchedule")), snapshot));
    }

    [Fact]
    public void Pods_the_selector_does_not_match_or_being_deleted_are_not_counted()
    {
        var placed = new[] { Pod("x").Labels("app=db").On("a1"), Web("gone").On("b1").Deleting(), Web("other").Namespace("elsewhere").On("c1") };
        var snapshot = Snapshot(Nodes(), placed);
        Assert.Equal(["a1", "a2", "b1", "c1"], FeasibleNames(Web("p").Spec(Constraint(1, "topology.kubernetes.io/zone", "DoNotSchedule")), snapshot));
    }

    [Fact]
    public void A_node_missing_the_topology_label_is_unresolvable()
    {
        var snapshot = Snapshot([Node("a1").Zone("a"), Node("bare")]);
        var pod = Web("p").Spec(Constraint(1, "topology.kubernetes.io/zone", "DoNotSchedule"));
        Assert.Equal(["a1"], FeasibleNames(pod, snapshot));
        Assert.Equal(
            "0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            Message(pod, Snapshot([Node("bare")])));
    }

    [Fact]
    public void When_the_only_balancing_node_is_full_the_pod_waits_with_both_reasons()
    {
        var nodes = new[] { Node("a1").Zone("a"), Node("b1").Zone("b"), Node("c1").Zone("c").Allocatable(cpu: "100m") };
        var snapshot = Snapshot(nodes, [Web("w1").On("a1"), Web("w2").On("b1")]);
        var pod = Web("p").Requests(cpu: "500m").Spec(Constraint(1, "topology.kubernetes.io/zone", "DoNotSchedule"));
        Assert.Equal(
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            Message(pod, snapshot));
    }

    [Fact]
    public void Fewer_domains_than_minDomains_count_the_emptiest_as_zero()
    {
        var nodes = new[] { Node("a1").Zone("a"), Node("b1").Zone("b") };
        var placed = new[] { Web("w1").On("a1"), Web("w2").On("b1") };
        var plain = Web("p").Spec(Constraint(1, "topology.kubernetes.io/zone", "DoNotSchedule"));
        Assert.Equal(["a1", "b1"], FeasibleNames(plain, Snapshot(nodes, placed)));
        var wantsThree = Web("p").Spec(Constraint(1, "topology.kubernetes.io/zone", "DoNotSchedule", ""","minDomains":3"""));
        Assert.Empty(FeasibleNames(wantsThree, Snapshot(nodes, placed)));
    }

    [Fact]
    public void Nodes_outside_the_pods_node_affinity_are_not_domains_unless_the_policy_says_Ignore()
    {
        // Zone c has no pods but the pod may not go there: it does not hold the minimum at 0.
        var placed = new[] { Web("w1").On("a1"), Web("w2").On("b1") };
        var honor = Web("p").Spec(Constraint(1, "topology.kubernetes.io/zone", "DoNotSchedule")[..^1] + ""","nodeSelector":{"pool":"main"}}""");
        var nodes = new[] { Node("a1").Zone("a").Label("pool", "main"), Node("b1").Zone("b").Label("pool", "main"), Node("c1").Zone("c") };
        Assert.Equal(["a1", "b1"], FeasibleNames(honor, Snapshot(nodes, placed)));
        var ignore = Web("p").Spec(Constraint(1, "topology.kubernetes.io/zone", "DoNotSchedule", ""","nodeAffinityPolicy":"Ignore" """)[..^1] + ""","nodeSelector":{"pool":"main"}}""");
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
            Message(ignore, Snapshot(nodes, placed)));
    }

    [Fact]
    public void Hostname_spreading_with_DoNotSchedule()
    {
        var snapshot = Snapshot(Nodes());
        var pods = Enumerable.Range(0, 8).Select(i => Web($"w{i}").Spec(Constraint(1, "kubernetes.io/hostname", "DoNotSchedule")));
        var placed = ScheduleInTurn(snapshot, pods);
        Assert.All(placed.GroupBy(n => n), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public void ScheduleAnyway_prefers_the_emptier_zone_but_never_refuses()
    {
        var placed = new[] { Web("w1").On("a1"), Web("w2").On("b1") };
        var pod = Web("p").Spec(Constraint(1, "topology.kubernetes.io/zone", "ScheduleAnyway"));
        Assert.Equal("c1", Chosen(pod, Snapshot(Nodes(), placed)));
        var crowded = new[] { Web("w1").On("a1"), Web("w2").On("b1"), Web("w3").On("c1"), Web("w4").On("c1"), Web("w5").On("b1") };
        Assert.Equal("a2", Chosen(pod, Snapshot(Nodes(), crowded)));
        Assert.Equal("c1", Chosen(pod, Snapshot([Node("c1").Zone("c")], crowded)));
    }
}
