using static Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling.SchedulingObjects;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>Required pod affinity and anti-affinity, the incoming pod's and the placed pods'.</summary>
public class PodAffinityFilterTests
{
    private static NodeBuilder[] Nodes() =>
    [
        Node("n1").Zone("a"), Node("n2").Zone("a"), Node("n3").Zone("b"), Node("n4").Zone("c"),
    ];

    private static string Required(string kind, string selector, string topologyKey, string extra = "") =>
        "{\"affinity\":{\"" + kind + "\":{\"requiredDuringSchedulingIgnoredDuringExecution\":[{\"labelSelector\":" + selector
        + ",\"topologyKey\":\"" + topologyKey + "\"" + extra + "}]}}}";

    public static TheoryData<string, string, string[]> AntiAffinity => new()
    {
        // selector, topology key, feasible nodes (app=web runs on n1)
        { """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname", ["n2", "n3", "n4"] },
        { """{"matchLabels":{"app":"web"}}""", "topology.kubernetes.io/zone", ["n3", "n4"] },
        { """{"matchExpressions":[{"key":"app","operator":"In","values":["web","db"]}]}""", "topology.kubernetes.io/zone", ["n4"] },
        { """{"matchLabels":{"app":"cache"}}""", "topology.kubernetes.io/zone", ["n1", "n2", "n3", "n4"] },
        // A node without the topology label is in no domain: nothing there conflicts.
        { """{"matchLabels":{"app":"web"}}""", "rack", ["n1", "n2", "n3", "n4"] },
    };

    [Theory]
    [MemberData(nameof(AntiAffinity))]
    public void Required_anti_affinity_keeps_away_from_domains_with_matching_pods(string selector, string key, string[] feasible)
    {
        var snapshot = Snapshot(Nodes(), [Pod("web").Labels("app=web").On("n1"), Pod("db").Labels("app=db").On("n3")]);
        Assert.Equal(feasible, FeasibleNames(Pod("p").Spec(Required("podAntiAffinity", selector, key)), snapshot));
    }

    [Fact]
    public void Anti_affinity_only_looks_at_the_pods_namespace_unless_told()
    {
        var placed = new[] { Pod("web").Namespace("other").Labels("app=web").On("n1") };
        var pod = Pod("p").Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname"));
        Assert.Equal(["n1", "n2", "n3", "n4"], FeasibleNames(pod, Snapshot(Nodes(), placed)));
        var naming = Pod("p").Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname", ""","namespaces":["other"]"""));
        Assert.Equal(["n2", "n3", "n4"], FeasibleNames(naming, Snapshot(Nodes(), placed)));
        var everywhere = Pod("p").Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname", ""","namespaceSelector":{}"""));
        Assert.Equal(["n2", "n3", "n4"], FeasibleNames(everywhere, Snapshot(Nodes(), placed)));
    }

    [Fact]
    public void A_namespaceSelector_selects_namespaces_by_their_labels()
    {
        var snapshot = Snapshot(Nodes(), [Pod("web").Namespace("team-a").Labels("app=web").On("n1"), Pod("web2").Namespace("team-b").Labels("app=web").On("n3")]);
        snapshot.SetNamespace("team-a", new Dictionary<string, string> { ["team"] = "a" });
        snapshot.SetNamespace("team-b", new Dictionary<string, string> { ["team"] = "b" });
        var pod = Pod("p").Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname", ""","namespaceSelector":{"matchLabels":{"team":"b"}}"""));
        Assert.Equal(["n1", "n2", "n4"], FeasibleNames(pod, snapshot));
    }

    [Fact]
    public void Replicas_with_hostname_anti_affinity_take_one_node_each_and_the_rest_wait()
    {
        var snapshot = Snapshot([Node("n1"), Node("n2"), Node("n3")]);
        var replica = (string name) => Pod(name).Owner("rs").Labels("app=web")
            .Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname"));
        var placed = ScheduleInTurn(snapshot, [replica("w1"), replica("w2"), replica("w3")]);
        Assert.Equal(["n1", "n2", "n3"], placed.Order());
        Assert.Equal(
            "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            Message(replica("w4"), snapshot));
    }

    [Fact]
    public void A_placed_pods_anti_affinity_keeps_matching_pods_out_of_its_domain()
    {
        var guard = Pod("guard").Labels("app=guard").On("n1").Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"db"}}""", "topology.kubernetes.io/zone"));
        var snapshot = Snapshot(Nodes(), [guard]);
        Assert.Equal(["n3", "n4"], FeasibleNames(Pod("db").Labels("app=db"), snapshot));
        Assert.Equal(["n1", "n2", "n3", "n4"], FeasibleNames(Pod("web").Labels("app=web"), snapshot));
        Assert.Equal(["n1", "n2", "n3", "n4"], FeasibleNames(Pod("db").Namespace("elsewhere").Labels("app=db"), snapshot));
        Assert.StartsWith(
            "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.",
            Message(Pod("db").Labels("app=db"), Snapshot([Node("n1").Zone("a")], [guard])));
    }

    public static TheoryData<string, string, string[]> Affinity => new()
    {
        // selector, topology key, feasible nodes (app=cache runs on n1, app=db on n3)
        { """{"matchLabels":{"app":"cache"}}""", "kubernetes.io/hostname", ["n1"] },
        { """{"matchLabels":{"app":"cache"}}""", "topology.kubernetes.io/zone", ["n1", "n2"] },
        { """{"matchExpressions":[{"key":"app","operator":"Exists"}]}""", "topology.kubernetes.io/zone", ["n1", "n2", "n3"] },
        // Nothing matches anywhere and the pod does not match itself: nowhere.
        { """{"matchLabels":{"app":"queue"}}""", "topology.kubernetes.io/zone", [] },
        // Nodes without the topology label never satisfy affinity.
        { """{"matchLabels":{"app":"cache"}}""", "rack", [] },
    };

    [Theory]
    [MemberData(nameof(Affinity))]
    public void Required_affinity_needs_a_matching_pod_in_the_domain(string selector, string key, string[] feasible)
    {
        var snapshot = Snapshot(Nodes(), [Pod("cache").Labels("app=cache").On("n1"), Pod("db").Labels("app=db").On("n3")]);
        Assert.Equal(feasible, FeasibleNames(Pod("p").Labels("app=web").Spec(Required("podAffinity", selector, key)), snapshot));
    }

    [Fact]
    public void The_first_pod_of_a_group_with_affinity_to_itself_may_start_anywhere()
    {
        var member = (string name) => Pod(name).Labels("app=web").Spec(Required("podAffinity", """{"matchLabels":{"app":"web"}}""", "topology.kubernetes.io/zone"));
        var snapshot = Snapshot(Nodes());
        Assert.Equal(["n1", "n2", "n3", "n4"], FeasibleNames(member("w1"), snapshot));
        snapshot.Place(member("w1").Facts, "n3");
        Assert.Equal(["n3"], FeasibleNames(member("w2"), snapshot));
        Assert.Equal(
            "0/4 nodes are available: 4 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
            Message(Pod("p").Labels("app=web").Spec(Required("podAffinity", """{"matchLabels":{"app":"api"}}""", "topology.kubernetes.io/zone")), snapshot));
    }

    [Fact]
    public void MatchLabelKeys_narrows_the_selector_to_the_pods_own_values()
    {
        var snapshot = Snapshot(Nodes(), [Pod("old").Labels("app=web", "rev=1").On("n1")]);
        var pod = Pod("new").Labels("app=web", "rev=2").Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname", ""","matchLabelKeys":["rev"]"""));
        Assert.Equal(["n1", "n2", "n3", "n4"], FeasibleNames(pod, snapshot));
        var same = Pod("same").Labels("app=web", "rev=1").Spec(Required("podAntiAffinity", """{"matchLabels":{"app":"web"}}""", "kubernetes.io/hostname", ""","matchLabelKeys":["rev"]"""));
        Assert.Equal(["n2", "n3", "n4"], FeasibleNames(same, snapshot));
    }
}
