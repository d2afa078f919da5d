using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Simulation.Scheduling;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>The scheduler's memory: what the feed tells it, what it assumes, what it retries.</summary>
public class SchedulerCacheTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SchedulerOptions Options = new() { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10) };
    private long _version;

    private WatchEvent Change(WatchEventType type, string plural, JsonObject obj) =>
        new(type, new StorageKey("", plural), new StoredObject((JsonObject)obj.DeepClone(), ++_version));

    private bool Node(SchedulerCache cache, NodeBuilder node, WatchEventType type = WatchEventType.Added) =>
        cache.Observe(Change(type, "nodes", node.Object), T0);

    private bool Pod(SchedulerCache cache, PodBuilder pod, WatchEventType type = WatchEventType.Added, DateTimeOffset? at = null) =>
        cache.Observe(Change(type, "pods", pod.Object), at ?? T0);

    private static SchedulingDecision? Next(SchedulerCache cache, DateTimeOffset? at = null) => cache.Next(at ?? T0)?.Decision;

    [Fact]
    public void An_assumed_pod_counts_before_its_binding_is_seen()
    {
        var cache = new SchedulerCache(Options);
        Node(cache, SchedulingObjects.Node("n1").Allocatable(pods: "1"));
        Assert.True(Pod(cache, SchedulingObjects.Pod("a")));
        Assert.True(Pod(cache, SchedulingObjects.Pod("b")));
        Assert.Equal("n1", Assert.IsType<SchedulingDecision.Assign>(Next(cache)).Node);
        Assert.StartsWith("0/1 nodes are available: 1 Too many pods.", Assert.IsType<SchedulingDecision.Unschedulable>(Next(cache)).Message);
        Assert.Equal(1, cache.AssumedCount);

        // The binding shows up: the assumption becomes the pod's placement, nothing new to try.
        Assert.False(Pod(cache, SchedulingObjects.Pod("a").On("n1"), WatchEventType.Modified));
        Assert.Equal(0, cache.AssumedCount);
        Assert.Equal(1, cache.Snapshot.Node("n1")!.PodCount);
    }

    [Fact]
    public void Status_writes_do_not_wake_an_unschedulable_pod_but_a_new_toleration_does()
    {
        var cache = new SchedulerCache(Options);
        Node(cache, SchedulingObjects.Node("n1").Taint("dedicated", "db", "NoSchedule"));
        var pod = SchedulingObjects.Pod("p");
        Pod(cache, pod);
        Assert.IsType<SchedulingDecision.Unschedulable>(Next(cache));
        pod.Object["status"]!["conditions"] = JsonNode.Parse("""[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]""");
        Assert.False(Pod(cache, pod, WatchEventType.Modified));
        Assert.Null(Next(cache, T0.AddMinutes(1)));
        pod.Spec("""{"tolerations":[{"key":"dedicated","operator":"Exists"}]}""");
        Assert.True(Pod(cache, pod, WatchEventType.Modified, T0.AddMinutes(1)));
        Assert.IsType<SchedulingDecision.Assign>(Next(cache, T0.AddMinutes(1)));
    }

    [Fact]
    public void A_node_change_that_matters_wakes_waiting_pods_and_one_that_does_not_stays_quiet()
    {
        var cache = new SchedulerCache(Options);
        var node = SchedulingObjects.Node("n1").Taint("dedicated", "db", "NoSchedule");
        Node(cache, node);
        Pod(cache, SchedulingObjects.Pod("p"));
        Assert.IsType<SchedulingDecision.Unschedulable>(Next(cache));
        node.Object["status"]!["conditions"]![0]!["lastHeartbeatTime"] = "2025-01-01T00:00:10Z";
        Assert.False(Node(cache, node, WatchEventType.Modified));
        Assert.True(Node(cache, SchedulingObjects.Node("n1"), WatchEventType.Modified));
        Assert.Null(Next(cache, T0.AddMilliseconds(500)));
        Assert.IsType<SchedulingDecision.Assign>(Next(cache, T0.AddSeconds(1)));
    }

    [Theory]
    [InlineData("Running", false, 1)]
    [InlineData("Unknown", false, 1)]
    [InlineData("Succeeded", true, 0)]
    [InlineData("Failed", true, 0)]
    public void A_placed_pod_holds_its_room_until_it_finishes(string phase, bool wakes, int podsOnNode)
    {
        var cache = new SchedulerCache(Options);
        Node(cache, SchedulingObjects.Node("n1").Allocatable(cpu: "1"));
        var running = SchedulingObjects.Pod("running").Requests(cpu: "1").On("n1");
        Pod(cache, running);
        Pod(cache, SchedulingObjects.Pod("waiting").Requests(cpu: "1"));
        Assert.IsType<SchedulingDecision.Unschedulable>(Next(cache));

        Assert.Equal(wakes, Pod(cache, running.Phase(phase), WatchEventType.Modified));
        Assert.Equal(podsOnNode, cache.Snapshot.Node("n1")!.PodCount);
        var retried = Next(cache, T0.AddSeconds(1));
        if (wakes)
            Assert.Equal("n1", Assert.IsType<SchedulingDecision.Assign>(retried).Node);
        else
            Assert.Null(retried);
    }

    [Fact]
    public void A_deleted_pod_frees_its_room()
    {
        var cache = new SchedulerCache(Options);
        Node(cache, SchedulingObjects.Node("n1").Allocatable(cpu: "1"));
        var big = SchedulingObjects.Pod("big").Requests(cpu: "1").On("n1");
        Pod(cache, big);
        Pod(cache, SchedulingObjects.Pod("next").Requests(cpu: "500m"));
        Assert.IsType<SchedulingDecision.Unschedulable>(Next(cache));
        Assert.True(Pod(cache, big, WatchEventType.Deleted));
        Assert.IsType<SchedulingDecision.Assign>(Next(cache, T0.AddSeconds(1)));
    }

    [Fact]
    public void A_failed_binding_drops_the_assumption_and_retries_after_backoff()
    {
        var cache = new SchedulerCache(Options);
        Node(cache, SchedulingObjects.Node("n1"));
        Pod(cache, SchedulingObjects.Pod("p").Requests(cpu: "1"));
        var attempt = cache.Next(T0)!;
        cache.BindFailed(attempt.Pod, "n1", retry: true, T0);
        Assert.Equal(0, cache.Snapshot.Node("n1")!.Requested.MilliCpu);
        Assert.Null(cache.Next(T0.AddMilliseconds(500)));
        Assert.IsType<SchedulingDecision.Assign>(Next(cache, T0.AddSeconds(1)));

        // A binding that failed because the pod is settled elsewhere is not retried.
        var other = new SchedulerCache(Options);
        Node(other, SchedulingObjects.Node("n1"));
        Pod(other, SchedulingObjects.Pod("q"));
        var settled = other.Next(T0)!;
        other.BindFailed(settled.Pod, "n1", retry: false, T0);
        Assert.Null(other.Next(T0.AddMinutes(10)));
        Assert.False(other.IsPending("uid-q"));
    }

    [Fact]
    public void Pods_not_for_this_scheduler_wait_until_they_are()
    {
        var cache = new SchedulerCache(Options);
        Node(cache, SchedulingObjects.Node("n1"));
        Assert.False(Pod(cache, SchedulingObjects.Pod("custom").Spec("""{"schedulerName":"other"}""")));
        var gated = SchedulingObjects.Pod("gated").Spec("""{"schedulingGates":[{"name":"wait"}]}""");
        Assert.False(Pod(cache, gated));
        Assert.Null(Next(cache));
        gated.Object["spec"]!.AsObject().Remove("schedulingGates");
        Assert.True(Pod(cache, gated, WatchEventType.Modified));
        Assert.Equal("uid-gated", cache.Next(T0)!.Pod.Uid);
    }

    [Fact]
    public void A_pod_bound_by_someone_else_is_counted_where_it_went()
    {
        var cache = new SchedulerCache(Options);
        Node(cache, SchedulingObjects.Node("n1"));
        Node(cache, SchedulingObjects.Node("n2"));
        Pod(cache, SchedulingObjects.Pod("p"));
        Assert.Equal("n1", Assert.IsType<SchedulingDecision.Assign>(Next(cache)).Node);
        Pod(cache, SchedulingObjects.Pod("p").On("n2"), WatchEventType.Modified);
        Assert.Equal(0, cache.Snapshot.Node("n1")!.PodCount);
        Assert.Equal(1, cache.Snapshot.Node("n2")!.PodCount);
    }
}
