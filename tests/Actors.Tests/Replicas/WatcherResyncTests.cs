using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using k8s;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Tests.Integration;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// A watcher with a resync period re-delivers every CloneSet to its entity with nothing changed,
/// as an informer's resync does, so an entity whose delivery was lost (a shard moving between
/// replicas) is started anyway; the pod watcher re-delivers nothing unasked.
/// </summary>
[Collection(ApiServerTests.Name)]
public sealed class WatcherResyncTests(ApiServerFixture api) : Akka.TestKit.Xunit2.TestKit("akka.test.single-expect-default = 20s")
{
    private static readonly EntityKind CloneSets = ProbeRouter.CloneSets;

    private static readonly EntityKind Pods = new EntityKind<IntentState>(WatchedResource.Pods, new IntentModel())
    {
        Filter = o => o.Metadata.OwnerReferences?.Any(r => r.Controller == true) == true,
    };

    private static readonly ResyncOptions Often = new() { Period = TimeSpan.FromMilliseconds(300), AfterMemberRemoved = null };

    private IActorRef StartWatcher(WatchedResource resource, TestProbe probe)
    {
        EntityKind[] kinds = [CloneSets, Pods];
        var resynced = PeriodicResync.KindFor(resource, kinds);
        return Sys.ActorOf(WatcherActor.Props(resource, new ObjectRouter(kinds), new ProbeRouter(probe),
            WatcherActor.ListWatch(api.Api(), resource, new WatchOptions(), new HealthLog("watch", NoLogger.Instance), new ControllerMetrics()),
            resynced is null ? null : new ResyncKind(resynced, Often)));
    }

    private static Routed NextIn(TestProbe probe, string ns) => ProbeRouter.NextIn(probe, ns);

    [Fact]
    public async Task An_unchanged_CloneSet_is_delivered_to_its_entity_again_and_again()
    {
        var ns = await api.Namespace();
        var web = await api.CreateCloneSet(ns, "web");
        var probe = CreateTestProbe();
        StartWatcher(WatchedResource.CloneSets, probe);

        var deliveries = Enumerable.Range(0, 3).Select(_ => NextIn(probe, ns)).ToList();

        Assert.All(deliveries, d => Assert.Equal(new EntityId("CloneSet", ns, "web"), d.Entity));
        Assert.All(deliveries, d => Assert.Equal(web.Metadata.ResourceVersion, Assert.IsType<ObjectObserved>(d.Message).Object.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Pods_are_delivered_once_and_not_again_unasked()
    {
        var ns = await api.Namespace();
        var web = await api.CreateCloneSet(ns, "web");
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "web-aaaaa", web), ns);
        var probe = CreateTestProbe();
        var watcher = StartWatcher(WatchedResource.Pods, probe);

        var first = new[] { NextIn(probe, ns), NextIn(probe, ns) };
        Assert.Equal([new EntityId("CloneSet", ns, "web"), new EntityId("Pod", ns, "web-aaaaa")], first.Select(r => r.Entity).OrderBy(e => e.ToString(), StringComparer.Ordinal));
        Assert.True(await watcher.Ask<bool>(IsListed.Instance, TimeSpan.FromSeconds(20)));

        // Several resync periods later, nothing more for this namespace.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var later = new List<Routed>();
        while (probe.HasMessages)
        {
            if (probe.ReceiveOne(TimeSpan.Zero) is Routed routed && routed.Entity.Namespace == ns)
                later.Add(routed);
        }
        Assert.Empty(later);
    }
}
