using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// What a watcher re-delivers unasked: workload objects to their own entities (so a workload whose
/// first delivery was lost in a shard handoff still gets its entity), never pods or other owned
/// objects (an owner pulls those itself when it starts, and re-delivering pods would wake every
/// passivated pod entity).
/// </summary>
public sealed class PeriodicResyncTests
{
    private static readonly IntentModel Model = new();

    private static readonly EntityKind CloneSets = new EntityKind<IntentState>(WatchedResource.CloneSets, Model)
    {
        AlsoObserves = [WatchedResource.Pods, WatchedResource.ControllerRevisions],
    };

    private static readonly EntityKind Pods = new EntityKind<IntentState>(WatchedResource.Pods, Model)
    {
        Filter = o => o.Metadata.OwnerReferences?.Any(r => r.Controller == true) == true,
    };

    // A kind that observes only its own resource stands for no owner of anything: a leaf.
    private static readonly EntityKind Revisions = new EntityKind<IntentState>(WatchedResource.ControllerRevisions, Model)
    {
        AlsoObserves = [WatchedResource.ControllerRevisions],
    };

    private static readonly WatchedResource Namespaces = WatchedResource.Create<V1Namespace>("", "v1", "namespaces", "Namespace", namespaced: false);

    private static readonly EntityKind NamespaceOwners = new EntityKind<IntentState>(Namespaces, Model) { AlsoObserves = [WatchedResource.Pods] };

    public static TheoryData<string, string, string?> KindsResynced => new()
    {
        { "clonesets", "CloneSet + Pod", "CloneSet" },
        { "pods", "CloneSet + Pod", null },
        { "controllerrevisions", "CloneSet + Pod", null },
        { "controllerrevisions", "Revisions", null },
        { "clonesets", "Pod", null },
        { "namespaces", "NamespaceOwners", "Namespace" },
    };

    [Theory]
    [MemberData(nameof(KindsResynced))]
    public void Only_a_kind_that_owns_other_resources_is_resynced_and_only_by_the_watcher_of_its_own_resource(string plural, string kinds, string? expected)
    {
        var resource = new[] { WatchedResource.CloneSets, WatchedResource.Pods, WatchedResource.ControllerRevisions, Namespaces }.Single(r => r.Plural == plural);
        EntityKind[] catalog = kinds switch
        {
            "CloneSet + Pod" => [CloneSets, Pods],
            "Revisions" => [Revisions],
            "Pod" => [Pods],
            "NamespaceOwners" => [NamespaceOwners],
            _ => throw new ArgumentOutOfRangeException(nameof(kinds)),
        };

        Assert.Equal(expected, PeriodicResync.KindFor(resource, catalog)?.Name);
    }

    [Fact]
    public void Every_workload_object_goes_to_its_own_entity_once()
    {
        var web = Named(new CloneSet(), "web", "a");
        var api = Named(new CloneSet(), "api", "b");

        var deliveries = PeriodicResync.Deliveries(CloneSets, [web, api]);

        Assert.Equal([new EntityId("CloneSet", "a", "web"), new EntityId("CloneSet", "b", "api")], deliveries.Select(d => d.Entity));
        Assert.Equal([new ObjectObserved("CloneSet", web), new ObjectObserved("CloneSet", api)], deliveries.Select(d => d.Message));
    }

    [Fact]
    public void Objects_the_kind_does_not_accept_or_without_a_name_are_left_out()
    {
        var owned = Named(new V1Pod(), "web-1", "a");
        owned.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps.kruise.io/v1alpha1", Kind = "CloneSet", Name = "web", Uid = "u", Controller = true }];
        var bare = Named(new V1Pod(), "lonely", "a");
        var nameless = Named(new V1Pod(), "", "a");
        nameless.Metadata.OwnerReferences = owned.Metadata.OwnerReferences;

        var deliveries = PeriodicResync.Deliveries(Pods, [owned, bare, nameless]);

        Assert.Equal([new EntityId("Pod", "a", "web-1")], deliveries.Select(d => d.Entity));
    }

    [Fact]
    public void A_cluster_scoped_object_goes_to_an_entity_without_a_namespace()
    {
        var deliveries = PeriodicResync.Deliveries(NamespaceOwners, [Named(new V1Namespace(), "team-a", "ignored")]);

        Assert.Equal([new EntityId("Namespace", null, "team-a")], deliveries.Select(d => d.Entity));
    }

    [Fact]
    public void Nothing_to_resync_delivers_nothing() => Assert.Empty(PeriodicResync.Deliveries(CloneSets, []));

    private static T Named<T>(T obj, string name, string ns) where T : IKubernetesObject<V1ObjectMeta>
    {
        obj.Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = "uid-" + name };
        return obj;
    }
}
