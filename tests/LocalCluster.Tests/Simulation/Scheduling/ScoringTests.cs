using static Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling.SchedulingObjects;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>Which feasible node wins: default spreading, preferences, taints, allocation, ties.</summary>
public class ScoringTests
{
    private static NodeBuilder[] ThreeZones() => [Node("n1").Zone("a"), Node("n2").Zone("b"), Node("n3").Zone("c")];

    private static IEnumerable<PodBuilder> Replicas(string owner, int count, string? cpu = null) =>
        Enumerable.Range(0, count).Select(i => Pod($"{owner}-{i}").Owner(owner).Labels($"app={owner}").Requests(cpu: cpu));

    private static Dictionary<string, int> Spread(IEnumerable<string> nodes) =>
        nodes.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Five_pods_of_one_owner_on_three_nodes_in_three_zones_land_two_two_one()
    {
        var placed = ScheduleInTurn(Snapshot(ThreeZones()), Replicas("web", 5));
        Assert.Equal([1, 2, 2], Spread(placed).Values.Order());
    }

    [Fact]
    public void Spreading_beats_an_emptier_node()
    {
        // n1 is empty and big; n2 and n3 are mostly used by another workload.
        var nodes = new[] { Node("n1").Zone("a").Allocatable(cpu: "64", memory: "256Gi"), Node("n2").Zone("b"), Node("n3").Zone("c") };
        var busy = new[] { Pod("busy-1").Owner("other").Requests(cpu: "3", memory: "6Gi").On("n2"), Pod("busy-2").Owner("other").Requests(cpu: "3", memory: "6Gi").On("n3") };
        var placed = ScheduleInTurn(Snapshot(nodes, busy), Replicas("web", 3, cpu: "100m"));
        Assert.Equal(3, Spread(placed).Count);
    }

    [Fact]
    public void Spreading_takes_the_second_zone_before_a_second_node_of_the_first()
    {
        var nodes = new[] { Node("a1").Zone("a"), Node("a2").Zone("a"), Node("a3").Zone("a"), Node("b1").Zone("b") };
        Assert.Equal(["a1", "b1"], ScheduleInTurn(Snapshot(nodes), Replicas("web", 2)));
        Assert.Equal([1, 1, 1, 1], Spread(ScheduleInTurn(Snapshot(nodes), Replicas("web", 4))).Values);
        Assert.Equal([2, 2, 2, 2], Spread(ScheduleInTurn(Snapshot(nodes), Replicas("web", 8))).Values);
    }

    [Fact]
    public void Pods_of_other_owners_do_not_push_a_workload_away()
    {
        // Another owner's pods are on n1 only; the workload still uses all three nodes evenly.
        var others = Replicas("other", 3).Select(p => p.On("n1"));
        var placed = ScheduleInTurn(Snapshot(ThreeZones(), others), Replicas("web", 6));
        Assert.Equal([2, 2, 2], Spread(placed).Values.Order());
    }

    [Fact]
    public void Pods_without_an_owner_spread_by_namespace_and_labels()
    {
        var bare = (string name, string ns, string app) => Pod(name).Namespace(ns).Labels($"app={app}");
        // n2 is busier, but its pods are of other groups (another namespace, other labels): only n1 has one of x2's.
        var snapshot = Snapshot([Node("n1").Zone("a"), Node("n2").Zone("b")], [bare("x1", "default", "web").On("n1"), bare("y1", "other", "web").On("n2"), bare("z1", "default", "db").On("n2")]);
        Assert.Equal("n2", Chosen(bare("x2", "default", "web"), snapshot));
    }

    [Fact]
    public void Pods_being_deleted_make_room_for_their_replacements()
    {
        var leaving = Replicas("web", 2).Select((p, i) => p.On(i == 0 ? "n1" : "n2"));
        var snapshot = Snapshot(ThreeZones(), [.. leaving, Pod("web-9").Owner("web").On("n3").Deleting()]);
        Assert.Equal("n3", Chosen(Pod("web-new").Owner("web"), snapshot));
    }

    [Fact]
    public void Ties_go_to_the_first_node_by_name()
    {
        Assert.Equal("n1", Chosen(Pod("p"), Snapshot([Node("n3"), Node("n1"), Node("n2")])));
    }

    [Fact]
    public void The_least_allocated_node_wins_for_unrelated_pods()
    {
        var snapshot = Snapshot(ThreeZones(), [Pod("a").Requests(cpu: "2", memory: "4Gi").On("n1"), Pod("b").Requests(cpu: "1", memory: "2Gi").On("n2")]);
        Assert.Equal("n3", Chosen(Pod("p").Requests(cpu: "1", memory: "2Gi"), snapshot));
    }

    [Fact]
    public void Preferred_node_affinity_picks_the_heaviest_matching_terms()
    {
        var nodes = new[] { Node("n1").Label("disk", "hdd"), Node("n2").Label("disk", "ssd"), Node("n3").Label("disk", "ssd").Label("gpu", "yes") };
        var pod = Pod("p").Spec("""
            {"affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
              {"weight":10,"preference":{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}},
              {"weight":50,"preference":{"matchExpressions":[{"key":"gpu","operator":"Exists"}]}}]}}}
            """);
        Assert.Equal("n3", Chosen(pod, Snapshot(nodes)));
        var onlyDisk = Pod("p").Spec("""
            {"affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
              {"weight":10,"preference":{"matchExpressions":[{"key":"disk","operator":"In","values":["hdd"]}]}}]}}}
            """);
        Assert.Equal("n1", Chosen(onlyDisk, Snapshot(nodes)));
    }

    [Fact]
    public void PreferNoSchedule_taints_are_avoided_when_there_is_a_choice()
    {
        var nodes = new[] { Node("n1").Taint("spot", "true", "PreferNoSchedule"), Node("n2").Taint("spot", "true", "PreferNoSchedule").Taint("old", "", "PreferNoSchedule"), Node("n3").Taint("x", "", "PreferNoSchedule") };
        Assert.Equal("n1", Chosen(Pod("p"), Snapshot(nodes)));
        var tolerant = Pod("p").Spec("""{"tolerations":[{"key":"x","operator":"Exists","effect":"PreferNoSchedule"}]}""");
        Assert.Equal("n3", Chosen(tolerant, Snapshot(nodes)));
        // A pod tolerating only NoSchedule still counts the PreferNoSchedule taint.
        var wrongEffect = Pod("p").Spec("""{"tolerations":[{"key":"spot","operator":"Exists","effect":"NoSchedule"}]}""");
        Assert.Equal("n1", Chosen(wrongEffect, Snapshot(nodes)));
        Assert.Equal("n2", Chosen(Pod("p"), Snapshot([nodes[1]])));
    }

    [Fact]
    public void Preferred_pod_affinity_and_anti_affinity()
    {
        var placed = new[] { Pod("cache").Labels("app=cache").On("n2"), Pod("noisy").Labels("app=noisy").On("n1") };
        var near = Pod("p").Spec("""
            {"affinity":{"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
              {"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"cache"}},"topologyKey":"kubernetes.io/hostname"}}]}}}
            """);
        Assert.Equal("n2", Chosen(near, Snapshot(ThreeZones(), placed)));
        var away = Pod("p").Spec("""
            {"affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
              {"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"noisy"}},"topologyKey":"kubernetes.io/hostname"}}]}}}
            """);
        Assert.NotEqual("n1", Chosen(away, Snapshot([Node("n1"), Node("n2")], placed)));
    }

    [Fact]
    public void A_placed_pods_preferences_draw_matching_pods()
    {
        var magnet = Pod("magnet").On("n3").Spec("""
            {"affinity":{"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
              {"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"topology.kubernetes.io/zone"}}]}}}
            """);
        Assert.Equal("n3", Chosen(Pod("p").Labels("app=web"), Snapshot(ThreeZones(), [magnet])));
        Assert.Equal("n1", Chosen(Pod("p").Labels("app=db"), Snapshot(ThreeZones(), [magnet])));
    }
}
