using Kruise.Actors.LocalCluster.Simulation.Scheduling;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling.SchedulingObjects;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>Filters that read one node: unschedulable, taints, nodeSelector and node affinity, resources.</summary>
public class NodeFilterTests
{
    private static NodeBuilder[] Three() => [Node("n1").Zone("a"), Node("n2").Zone("b"), Node("n3").Zone("c")];

    [Fact]
    public void A_pod_already_on_a_node_gated_deleting_or_finished_is_not_the_schedulers()
    {
        var snapshot = Snapshot(Three());
        Assert.IsType<SchedulingDecision.Skip>(SchedulingPlanner.Plan(Pod("p").On("n1").Facts, snapshot));
        Assert.IsType<SchedulingDecision.Skip>(SchedulingPlanner.Plan(Pod("p").Spec("""{"schedulingGates":[{"name":"wait"}]}""").Facts, snapshot));
        Assert.IsType<SchedulingDecision.Skip>(SchedulingPlanner.Plan(Pod("p").Deleting().Facts, snapshot));
        Assert.IsType<SchedulingDecision.Skip>(SchedulingPlanner.Plan(Pod("p").Phase("Succeeded").Facts, snapshot));
    }

    [Fact]
    public void No_nodes_at_all()
    {
        Assert.Equal("no nodes available to schedule pods", Message(Pod("p"), Snapshot([])));
    }

    [Fact]
    public void An_unschedulable_node_is_skipped_unless_the_pod_tolerates_it()
    {
        var snapshot = Snapshot([Node("n1").Unschedulable(), Node("n2")]);
        Assert.Equal(["n2"], FeasibleNames(Pod("p"), snapshot));
        var tolerating = Pod("p").Spec("""{"tolerations":[{"key":"node.kubernetes.io/unschedulable","operator":"Exists","effect":"NoSchedule"}]}""");
        Assert.Equal(["n1", "n2"], FeasibleNames(tolerating, snapshot));
        Assert.Equal(
            "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            Message(Pod("p"), Snapshot([Node("n1").Unschedulable()])));
    }

    public static TheoryData<string, string, string, string, bool> Taints => new()
    {
        // taint key, value, effect, pod tolerations, schedulable
        { "dedicated", "db", "NoSchedule", "[]", false },
        { "dedicated", "db", "NoExecute", "[]", false },
        { "dedicated", "db", "PreferNoSchedule", "[]", true },
        { "dedicated", "db", "NoSchedule", """[{"key":"dedicated","operator":"Equal","value":"db","effect":"NoSchedule"}]""", true },
        { "dedicated", "db", "NoSchedule", """[{"key":"dedicated","value":"db"}]""", true },
        { "dedicated", "db", "NoSchedule", """[{"key":"dedicated","operator":"Equal","value":"web","effect":"NoSchedule"}]""", false },
        { "dedicated", "db", "NoSchedule", """[{"key":"dedicated","operator":"Exists"}]""", true },
        { "dedicated", "db", "NoSchedule", """[{"operator":"Exists"}]""", true },
        { "dedicated", "db", "NoSchedule", """[{"key":"dedicated","operator":"Exists","effect":"NoExecute"}]""", false },
        { "dedicated", "db", "NoExecute", """[{"key":"dedicated","operator":"Exists","effect":"NoExecute","tolerationSeconds":60}]""", true },
        { "dedicated", "db", "NoSchedule", """[{"key":"other","operator":"Exists"}]""", false },
    };

    [Theory]
    [MemberData(nameof(Taints))]
    public void Taints_and_tolerations(string key, string value, string effect, string tolerations, bool schedulable)
    {
        var snapshot = Snapshot([Node("n1").Taint(key, value, effect)]);
        var pod = Pod("p").Spec($$"""{"tolerations":{{tolerations}}}""");
        Assert.Equal(schedulable ? ["n1"] : [], FeasibleNames(pod, snapshot));
        if (!schedulable)
            Assert.StartsWith($"0/1 nodes are available: 1 node(s) had untolerated taint {{{key}: {value}}}.", Message(pod, snapshot));
    }

    [Fact]
    public void The_first_untolerated_taint_in_the_nodes_order_is_reported()
    {
        var snapshot = Snapshot([Node("n1").Taint("soft", "", "PreferNoSchedule").Taint("a", "1", "NoExecute").Taint("b", "2", "NoSchedule")]);
        Assert.StartsWith("0/1 nodes are available: 1 node(s) had untolerated taint {a: 1}.", Message(Pod("p"), snapshot));
    }

    [Theory]
    [InlineData("False", "node.kubernetes.io/not-ready")]
    [InlineData("Unknown", "node.kubernetes.io/unreachable")]
    public void A_node_that_is_not_ready_takes_no_pods_even_untainted(string ready, string taint)
    {
        var snapshot = Snapshot([Node("n1").Ready(ready), Node("n2")]);
        Assert.Equal(["n2"], FeasibleNames(Pod("p"), snapshot));
        Assert.StartsWith($"0/1 nodes are available: 1 node(s) had untolerated taint {{{taint}: }}.", Message(Pod("p"), Snapshot([Node("n1").Ready(ready)])));
    }

    [Fact]
    public void The_default_NoExecute_tolerations_do_not_tolerate_the_NoSchedule_taint_of_an_unreachable_node()
    {
        // Every pod gets tolerations for not-ready/unreachable NoExecute (300 s) at admission.
        var pod = Pod("p").Spec("""
            {"tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
                            {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]}
            """);
        var snapshot = Snapshot([Node("n1").Ready("Unknown").Taint("node.kubernetes.io/unreachable", "", "NoSchedule").Taint("node.kubernetes.io/unreachable", "", "NoExecute")]);
        Assert.Empty(FeasibleNames(pod, snapshot));
    }

    [Fact]
    public void NodeSelector_needs_every_label()
    {
        var snapshot = Snapshot([Node("n1").Zone("a").Label("disk", "ssd"), Node("n2").Zone("b").Label("disk", "ssd"), Node("n3").Zone("b")]);
        Assert.Equal(["n2"], FeasibleNames(Pod("p").Spec("""{"nodeSelector":{"disk":"ssd","topology.kubernetes.io/zone":"b"}}"""), snapshot));
        Assert.Equal(
            "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            Message(Pod("p").Spec("""{"nodeSelector":{"disk":"hdd"}}"""), snapshot));
    }

    public static TheoryData<string, string[]> NodeAffinityTerms => new()
    {
        { """[{"matchExpressions":[{"key":"gen","operator":"In","values":["5","10"]}]}]""", ["n10", "n5"] },
        { """[{"matchExpressions":[{"key":"gen","operator":"NotIn","values":["5"]}]}]""", ["n1", "n10", "plain"] },
        { """[{"matchExpressions":[{"key":"gen","operator":"Exists"}]}]""", ["n1", "n10", "n5"] },
        { """[{"matchExpressions":[{"key":"gen","operator":"DoesNotExist"}]}]""", ["plain"] },
        { """[{"matchExpressions":[{"key":"gen","operator":"Gt","values":["4"]}]}]""", ["n10", "n5"] },
        { """[{"matchExpressions":[{"key":"gen","operator":"Lt","values":["5"]}]}]""", ["n1"] },
        { """[{"matchExpressions":[{"key":"gen","operator":"Gt","values":["four"]}]}]""", [] },
        { """[{"matchFields":[{"key":"metadata.name","operator":"In","values":["n10","plain"]}]}]""", ["n10", "plain"] },
        { """[{"matchFields":[{"key":"metadata.name","operator":"NotIn","values":["n10"]}]}]""", ["n1", "n5", "plain"] },
        // Expressions within a term AND, terms OR.
        { """[{"matchExpressions":[{"key":"gen","operator":"Exists"}],"matchFields":[{"key":"metadata.name","operator":"NotIn","values":["n1"]}]}]""", ["n10", "n5"] },
        { """[{"matchExpressions":[{"key":"gen","operator":"In","values":["1"]}]},{"matchExpressions":[{"key":"gen","operator":"DoesNotExist"}]}]""", ["n1", "plain"] },
        // An empty term matches no node.
        { """[{}]""", [] },
    };

    [Theory]
    [MemberData(nameof(NodeAffinityTerms))]
    public void Required_node_affinity(string terms, string[] feasible)
    {
        var snapshot = Snapshot([Node("n1").Label("gen", "1"), Node("n5").Label("gen", "5"), Node("n10").Label("gen", "10"), Node("plain")]);
        var pod = Pod("p").Spec("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":""" + terms + "}}}}");
        Assert.Equal(feasible, FeasibleNames(pod, snapshot));
    }

    [Fact]
    public void NodeSelector_and_node_affinity_must_both_match()
    {
        var snapshot = Snapshot([Node("n1").Zone("a").Label("gen", "1"), Node("n2").Zone("b").Label("gen", "1")]);
        var pod = Pod("p").Spec("""
            {"nodeSelector":{"topology.kubernetes.io/zone":"a"},
             "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"topology.kubernetes.io/zone","operator":"In","values":["b"]}]}]}}}}
            """);
        Assert.Empty(FeasibleNames(pod, snapshot));
    }

    public static TheoryData<string, string, string> Resources => new()
    {
        // node allocatable cpu/memory/pods, pod requests (as container resources), reasons
        { "1/1Gi/110", """{"requests":{"cpu":"2"}}""", "Insufficient cpu" },
        { "4/1Gi/110", """{"requests":{"memory":"2Gi"}}""", "Insufficient memory" },
        { "1/1Gi/110", """{"requests":{"cpu":"1500m","memory":"1025Mi"}}""", "Insufficient cpu, 1 Insufficient memory" },
        { "1/1Gi/110", """{"limits":{"cpu":"2"}}""", "Insufficient cpu" },
        { "1/1Gi/110", """{"requests":{"example.com/gpu":"1"}}""", "Insufficient example.com/gpu" },
        { "1/1Gi/110", """{"requests":{"ephemeral-storage":"1Gi"}}""", "Insufficient ephemeral-storage" },
        { "1/1Gi/0", """{}""", "Too many pods" },
        { "1/1Gi/0", """{"requests":{"cpu":"2"}}""", "Insufficient cpu, 1 Too many pods" },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Requests_beyond_what_the_node_has_free(string node, string resources, string reasons)
    {
        var parts = node.Split('/');
        var snapshot = Snapshot([Node("n1").Allocatable(cpu: parts[0], memory: parts[1], pods: parts[2])]);
        var pod = Pod("p").Spec($$"""{"containers":[{"name":"app","image":"nginx","resources":{{resources}}}]}""");
        Assert.StartsWith($"0/1 nodes are available: 1 {reasons}. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", Message(pod, snapshot));
    }

    [Fact]
    public void Placed_pods_use_up_the_node_and_finished_ones_free_it()
    {
        var node = Node("n1").Allocatable(cpu: "2", pods: "3");
        var running = Pod("a").Requests(cpu: "1500m").On("n1");
        Assert.StartsWith("0/1 nodes are available: 1 Insufficient cpu.", Message(Pod("p").Requests(cpu: "1"), Snapshot([node], [running])));
        Assert.Equal(["n1"], FeasibleNames(Pod("p").Requests(cpu: "500m"), Snapshot([node], [running])));
        Assert.Equal(["n1"], FeasibleNames(Pod("p").Requests(cpu: "1"), Snapshot([node], [running.Phase("Succeeded")])));
        var full = new[] { Pod("a").On("n1"), Pod("b").On("n1"), Pod("c").On("n1") };
        Assert.StartsWith("0/1 nodes are available: 1 Too many pods.", Message(Pod("p"), Snapshot([node], full)));
    }

    public static TheoryData<string, string> PodRequests => new()
    {
        // pod spec fragment, cpu it needs
        { """{"containers":[{"name":"a","resources":{"requests":{"cpu":"1"}}},{"name":"b","resources":{"requests":{"cpu":"500m"}}}]}""", "1500m" },
        // Init containers run one at a time, before the others: the largest counts if it is larger.
        { """{"containers":[{"name":"a","resources":{"requests":{"cpu":"1"}}}],"initContainers":[{"name":"i","resources":{"requests":{"cpu":"3"}}}]}""", "3" },
        { """{"containers":[{"name":"a","resources":{"requests":{"cpu":"2"}}}],"initContainers":[{"name":"i","resources":{"requests":{"cpu":"1"}}}]}""", "2" },
        // A sidecar keeps running: it adds to the containers and to every later init container.
        { """{"containers":[{"name":"a","resources":{"requests":{"cpu":"1"}}}],"initContainers":[{"name":"s","restartPolicy":"Always","resources":{"requests":{"cpu":"500m"}}},{"name":"i","resources":{"requests":{"cpu":"2"}}}]}""", "2500m" },
        { """{"containers":[{"name":"a","resources":{"requests":{"cpu":"1"}}}],"overhead":{"cpu":"250m"}}""", "1250m" },
        // A limit without a request is the request.
        { """{"containers":[{"name":"a","resources":{"limits":{"cpu":"2"},"requests":{"memory":"1Gi"}}}]}""", "2" },
    };

    [Theory]
    [MemberData(nameof(PodRequests))]
    public void What_a_pod_requests(string spec, string cpu)
    {
        var needed = Quantities.Milli(cpu);
        var pod = Pod("p").Spec(spec);
        Assert.Equal(needed, pod.Facts.Requests.MilliCpu);
        // It fits exactly where that much is free, and not where a millicore less is.
        Assert.Equal(["n1"], FeasibleNames(pod, Snapshot([Node("n1").Allocatable(cpu: $"{needed}m", memory: "8Gi")])));
        Assert.Empty(FeasibleNames(pod, Snapshot([Node("n1").Allocatable(cpu: $"{needed - 1}m", memory: "8Gi")])));
    }
}
