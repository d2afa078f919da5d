using Kruise.Actors.LocalCluster.Tests.Controllers;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>The scheduler against the embedded API server, watched through real kubectl.</summary>
public sealed class SchedulerTests : IAsyncLifetime
{
    private readonly SchedulerCluster _cluster = new();

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _cluster.StartScheduler();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private async Task ThreeNodesInThreeZones()
    {
        await _cluster.AddNode("node-a", "zone-a");
        await _cluster.AddNode("node-b", "zone-b");
        await _cluster.AddNode("node-c", "zone-c");
    }

    [Fact]
    public async Task Five_replicas_of_one_owner_spread_two_two_one_over_three_nodes_in_three_zones()
    {
        // node-a is far bigger: by free room alone it would take every replica.
        await _cluster.AddNode("node-a", "zone-a", cpu: "64", memory: "256Gi");
        await _cluster.AddNode("node-b", "zone-b");
        await _cluster.AddNode("node-c", "zone-c");
        var owner = await _cluster.AddReplicaSet("web", 5);
        var names = Enumerable.Range(1, 5).Select(i => $"web-{i}").ToArray();
        const string requests = "containers: [{name: app, image: nginx, resources: {requests: {cpu: 500m, memory: 512Mi}}}]";
        await _cluster.Apply([.. names.Select(n => SchedulerCluster.Pod(n, spec: requests, ownerName: "web", ownerUid: owner))]);
        await _cluster.WaitUntilBound(names);
        var perNode = (await _cluster.NodesOfPods()).Values.GroupBy(n => n).Select(g => g.Count()).Order();
        Assert.Equal([1, 2, 2], perNode);
    }

    [Fact]
    public async Task A_bound_pod_has_PodScheduled_True_and_a_Scheduled_event()
    {
        await _cluster.AddNode("node-a", "zone-a");
        await _cluster.Apply(SchedulerCluster.Pod("solo"));
        await _cluster.WaitUntilBound("solo");
        var condition = (await _cluster.Kubectl("""get pod solo '-o=jsonpath={.status.conditions[?(@.type=="PodScheduled")].status}'""")).Ok();
        Assert.Equal("True", condition.Stdout.Trim());
        await Clusters.Eventually(async () => (await _cluster.Kubectl("describe pod solo")).Stdout.Contains("Successfully assigned default/solo to node-a", StringComparison.Ordinal), "the Scheduled event");
        var describe = (await _cluster.Kubectl("describe pod solo")).Ok().Stdout;
        Assert.Matches(@"Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default/solo to node-a", describe);
    }

    [Fact]
    public async Task NodeSelector_is_honoured()
    {
        await ThreeNodesInThreeZones();
        await _cluster.Apply(
            SchedulerCluster.Pod("in-b", spec: "nodeSelector: {topology.kubernetes.io/zone: zone-b}"),
            SchedulerCluster.Pod("on-c", spec: "nodeSelector: {kubernetes.io/hostname: node-c}"));
        await _cluster.WaitUntilBound("in-b", "on-c");
        var nodes = await _cluster.NodesOfPods();
        Assert.Equal("node-b", nodes["in-b"]);
        Assert.Equal("node-c", nodes["on-c"]);
    }

    [Fact]
    public async Task A_taint_keeps_the_pod_pending_with_the_reason_and_removing_it_lets_the_pod_in()
    {
        await _cluster.AddNode("node-a", "zone-a", taint: "{key: dedicated, value: db, effect: NoSchedule}");
        await _cluster.Apply(SchedulerCluster.Pod("web-1"));
        const string message = "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: db}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
        await _cluster.WaitForFailedScheduling("web-1", message);
        Assert.Matches(@"Warning\s+default-scheduler\s+0/1 nodes are available", await _cluster.FailedScheduling("web-1"));

        await Clusters.Eventually(async () => (await _cluster.Kubectl("describe pod web-1")).Stdout.Contains("PodScheduled   False", StringComparison.Ordinal), "PodScheduled False in describe");
        var describe = (await _cluster.Kubectl("describe pod web-1")).Ok().Stdout;
        Assert.Matches(@"Status:\s+Pending", describe);
        Assert.Contains("Warning  FailedScheduling", describe, StringComparison.Ordinal);
        Assert.Contains(message, describe, StringComparison.Ordinal);
        var reason = (await _cluster.Kubectl("""get pod web-1 '-o=jsonpath={.status.conditions[?(@.type=="PodScheduled")].reason}'""")).Ok();
        Assert.Equal("Unschedulable", reason.Stdout.Trim());
        Assert.Equal("", (await _cluster.NodesOfPods())["web-1"]);

        (await _cluster.Kubectl("taint nodes node-a dedicated=db:NoSchedule-")).Ok();
        await _cluster.WaitUntilBound("web-1");
        var scheduled = (await _cluster.Kubectl("""get pod web-1 '-o=jsonpath={.status.conditions[?(@.type=="PodScheduled")].status}'""")).Ok();
        Assert.Equal("True", scheduled.Stdout.Trim());
    }

    [Fact]
    public async Task A_node_becoming_Ready_takes_the_waiting_pod()
    {
        await _cluster.AddNode("node-a", "zone-a");
        (await _cluster.Kubectl("""patch node node-a --subresource=status --type=json -p '[{"op":"replace","path":"/status/conditions/0/status","value":"False"}]'""")).Ok();
        await _cluster.Apply(SchedulerCluster.Pod("web-1"));
        await _cluster.WaitForFailedScheduling("web-1", "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
        (await _cluster.Kubectl("""patch node node-a --subresource=status --type=json -p '[{"op":"replace","path":"/status/conditions/0/status","value":"True"}]'""")).Ok();
        await _cluster.WaitUntilBound("web-1");
    }

    [Fact]
    public async Task Insufficient_cpu_is_reported_and_a_deleted_pod_makes_room()
    {
        await _cluster.AddNode("node-a", "zone-a", cpu: "1");
        await _cluster.Apply(SchedulerCluster.Pod("big", spec: "containers: [{name: app, image: nginx, resources: {requests: {cpu: 800m}}}]"));
        await _cluster.WaitUntilBound("big");
        await _cluster.Apply(SchedulerCluster.Pod("next", spec: "containers: [{name: app, image: nginx, resources: {requests: {cpu: 500m}}}]"));
        await _cluster.WaitForFailedScheduling("next",
            "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
        (await _cluster.Kubectl("delete pod big --grace-period=0 --force")).Ok();
        await _cluster.WaitUntilBound("next");
    }

    [Fact]
    public async Task Hostname_anti_affinity_places_three_of_four_replicas_and_the_fourth_waits()
    {
        await ThreeNodesInThreeZones();
        const string antiAffinity = """
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector: {matchLabels: {app: web}}
                  topologyKey: kubernetes.io/hostname
            """;
        var names = Enumerable.Range(1, 4).Select(i => $"web-{i}").ToArray();
        await _cluster.Apply([.. names.Select(n => SchedulerCluster.Pod(n, spec: antiAffinity))]);
        await Clusters.Eventually(async () => (await _cluster.NodesOfPods()).Values.Count(n => n.Length > 0) == 3, "three replicas bound");
        var nodes = await _cluster.NodesOfPods();
        Assert.Equal(["node-a", "node-b", "node-c"], nodes.Values.Where(n => n.Length > 0).Order());
        var waiting = nodes.Single(p => p.Value.Length == 0).Key;
        await _cluster.WaitForFailedScheduling(waiting,
            "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
    }

    [Fact]
    public async Task Repeated_failures_bump_one_event_rather_than_piling_up_events()
    {
        await _cluster.AddNode("node-a", "zone-a", taint: "{key: dedicated, value: db, effect: NoSchedule}");
        await _cluster.Apply(SchedulerCluster.Pod("web-1"));
        await _cluster.WaitForFailedScheduling("web-1", "untolerated taint {dedicated: db}");
        // Node changes that do not help still make the scheduler try again.
        for (var i = 0; i < 3; i++)
        {
            (await _cluster.Kubectl($"label node node-a attempt={i} --overwrite")).Ok();
            await Task.Delay(300);
        }
        await Clusters.Eventually(async () =>
        {
            var counts = (await _cluster.Kubectl("get events --field-selector involvedObject.name=web-1,reason=FailedScheduling -o jsonpath={.items[*].count}")).Ok().Stdout;
            return counts.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var only] && int.Parse(only, System.Globalization.CultureInfo.InvariantCulture) > 1;
        }, "one FailedScheduling event counted more than once");
    }

    [Fact]
    public async Task Pods_for_another_scheduler_or_with_scheduling_gates_are_left_alone()
    {
        await _cluster.AddNode("node-a", "zone-a");
        await _cluster.Apply(
            SchedulerCluster.Pod("custom", spec: "schedulerName: my-scheduler"),
            SchedulerCluster.Pod("gated", spec: "schedulingGates: [{name: example.com/wait}]"),
            SchedulerCluster.Pod("plain"));
        await _cluster.WaitUntilBound("plain");
        var nodes = await _cluster.NodesOfPods();
        Assert.Equal("", nodes["custom"]);
        Assert.Equal("", nodes["gated"]);
        Assert.Equal("", await _cluster.FailedScheduling("custom"));
    }
}
