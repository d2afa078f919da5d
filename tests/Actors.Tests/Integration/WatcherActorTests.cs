using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using k8s;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Tests.Integration;

/// <summary>The pod watcher routes pods to their CloneSet's entity and answers resyncs from its cache.</summary>
[Collection(ApiServerTests.Name)]
public sealed class WatcherActorTests(ApiServerFixture api) : Akka.TestKit.Xunit2.TestKit("akka.test.single-expect-default = 20s")
{
    private static readonly EntityKind CloneSets = ProbeRouter.CloneSets;

    private IActorRef StartPodWatcher(TestProbe probe) =>
        Sys.ActorOf(WatcherActor.Props(WatchedResource.Pods, new ObjectRouter([CloneSets]), new ProbeRouter(probe),
            WatcherActor.ListWatch(api.Api(), WatchedResource.Pods, new WatchOptions(), new HealthLog("watch", NoLogger.Instance), new ControllerMetrics())));

    private static Routed ExpectIn(TestProbe probe, string ns) => ProbeRouter.NextIn(probe, ns);

    [Fact]
    public async Task Owned_pods_reach_their_CloneSet_and_a_resync_redelivers_them()
    {
        var ns = await api.Namespace();
        var web = await api.CreateCloneSet(ns, "web");
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "web-aaaaa", web), ns);
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "lonely"), ns);
        var probe = CreateTestProbe();
        var watcher = StartPodWatcher(probe);
        var entity = new EntityId("CloneSet", ns, "web");

        var listed = ExpectIn(probe, ns);
        Assert.Equal(entity, listed.Entity);
        Assert.Equal("web-aaaaa", Assert.IsType<ObjectObserved>(listed.Message).Object.Metadata.Name);
        Assert.True(await watcher.Ask<bool>(IsListed.Instance, TimeSpan.FromSeconds(20)));

        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "web-bbbbb", web), ns);
        var added = ExpectIn(probe, ns);
        Assert.Equal(("Pod", "web-bbbbb"), (((ObjectObserved)added.Message).Kind, ((ObjectObserved)added.Message).Object.Metadata.Name));

        watcher.Tell(new ResyncRequest(entity));
        var resync = new[] { ExpectIn(probe, ns), ExpectIn(probe, ns), ExpectIn(probe, ns) };
        Assert.All(resync, r => Assert.Equal(entity, r.Entity));
        Assert.Equal(["web-aaaaa", "web-bbbbb"], resync.Take(2).Select(r => ((ObjectObserved)r.Message).Object.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal(new ObservationsSynced("Pod"), resync[2].Message);

        await api.Client.CoreV1.DeleteNamespacedPodAsync("web-aaaaa", ns);
        var deleted = ExpectIn(probe, ns);
        Assert.Equal("web-aaaaa", Assert.IsType<ObjectDeleted>(deleted.Message).Object.Metadata.Name);

        watcher.Tell(new ResyncRequest(entity));
        var after = new[] { ExpectIn(probe, ns), ExpectIn(probe, ns) };
        Assert.Equal("web-bbbbb", ((ObjectObserved)after[0].Message).Object.Metadata.Name);
        Assert.IsType<ObservationsSynced>(after[1].Message);
    }

    [Fact]
    public async Task A_pod_released_by_its_CloneSet_is_delivered_once_more_to_the_old_owner_then_no_longer()
    {
        var ns = await api.Namespace();
        var web = await api.CreateCloneSet(ns, "web");
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "web-aaaaa", web), ns);
        var probe = CreateTestProbe();
        StartPodWatcher(probe);
        ExpectIn(probe, ns);

        await api.Client.CoreV1.PatchNamespacedPodAsync(new k8s.Models.V1Patch("""{"metadata":{"ownerReferences":null}}""", k8s.Models.V1Patch.PatchType.MergePatch), "web-aaaaa", ns);

        var released = (ObjectObserved)ExpectIn(probe, ns).Message;
        Assert.Null(released.Object.Metadata.OwnerReferences);
        await api.Client.CoreV1.DeleteNamespacedPodAsync("web-aaaaa", ns);
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "web-ccccc", web), ns);
        // The released pod's delete goes nowhere; the next thing the CloneSet hears of is the new pod.
        Assert.Equal("web-ccccc", ((ObjectObserved)ExpectIn(probe, ns).Message).Object.Metadata.Name);
    }
}
