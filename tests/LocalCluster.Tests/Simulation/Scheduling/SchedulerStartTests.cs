namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>The scheduler started on a cluster that already has nodes and waiting pods.</summary>
public sealed class SchedulerStartTests : IAsyncLifetime
{
    private readonly SchedulerCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Pods_waiting_before_the_scheduler_starts_are_placed_with_every_node_known()
    {
        await _cluster.AddNode("node-a", "zone-a");
        await _cluster.AddNode("node-b", "zone-b");
        var owner = await _cluster.AddReplicaSet("web", 4);
        var names = Enumerable.Range(1, 4).Select(i => $"web-{i}").ToArray();
        await _cluster.Apply([.. names.Select(n => SchedulerCluster.Pod(n, ownerName: "web", ownerUid: owner))]);
        _cluster.StartScheduler();
        await _cluster.WaitUntilBound(names);
        Assert.Equal([2, 2], (await _cluster.NodesOfPods()).Values.GroupBy(n => n).Select(g => g.Count()));
        Assert.Equal("", await _cluster.FailedScheduling("web-1"));
    }
}
