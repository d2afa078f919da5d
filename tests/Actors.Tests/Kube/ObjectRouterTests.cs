using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Kube;

public sealed class ObjectRouterTests
{
    private static readonly IntentModel Model = new();

    private static readonly EntityKind CloneSets = new EntityKind<IntentState>(WatchedResource.CloneSets, Model)
    {
        AlsoObserves = [WatchedResource.Pods, WatchedResource.ControllerRevisions, WatchedResource.PersistentVolumeClaims],
    };

    // Pod entities only for pods a workload controls.
    private static readonly EntityKind Pods = new EntityKind<IntentState>(WatchedResource.Pods, Model)
    {
        Filter = o => o.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.ApiVersion.StartsWith("apps.kruise.io/", StringComparison.Ordinal)) == true,
    };

    private static readonly ObjectRouter Router = new([CloneSets, Pods]);

    private static V1OwnerReference Owner(string apiVersion, string kind, string name, bool controller = true) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = "u-" + name, Controller = controller };

    private static T WithMeta<T>(T obj, string name, params V1OwnerReference[] owners) where T : k8s.IKubernetesObject<V1ObjectMeta>
    {
        obj.Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", OwnerReferences = owners.Length == 0 ? null : owners };
        return obj;
    }

    [Fact]
    public void A_CloneSet_goes_to_its_own_entity()
    {
        var routes = Router.Route(WatchedResource.CloneSets, WithMeta(new CloneSet(), "web"));
        Assert.Equal([new EntityId("CloneSet", "ns", "web")], routes);
    }

    [Fact]
    public void A_pod_goes_to_its_pod_entity_and_to_its_controlling_CloneSet()
    {
        var pod = WithMeta(new V1Pod(), "web-abcde", Owner("apps.kruise.io/v1alpha1", "CloneSet", "web"));
        Assert.Equal([new EntityId("Pod", "ns", "web-abcde"), new EntityId("CloneSet", "ns", "web")], Router.Route(WatchedResource.Pods, pod));
    }

    [Fact]
    public void Revisions_and_claims_go_to_their_CloneSet_only()
    {
        var revision = WithMeta(new V1ControllerRevision(), "web-5d7f", Owner("apps.kruise.io/v1alpha1", "CloneSet", "web"));
        var claim = WithMeta(new V1PersistentVolumeClaim(), "data-web-abcde", Owner("apps.kruise.io/v1alpha1", "CloneSet", "web"));
        Assert.Equal([new EntityId("CloneSet", "ns", "web")], Router.Route(WatchedResource.ControllerRevisions, revision));
        Assert.Equal([new EntityId("CloneSet", "ns", "web")], Router.Route(WatchedResource.PersistentVolumeClaims, claim));
    }

    [Fact]
    public void A_pod_of_a_native_workload_with_the_same_kind_name_is_not_routed()
    {
        // Same Kind as a registered kind, other group: not ours.
        var pod = WithMeta(new V1Pod(), "db-0", Owner("apps/v1", "CloneSet", "db"));
        Assert.Empty(Router.Route(WatchedResource.Pods, pod));
    }

    [Fact]
    public void Only_the_controller_owner_counts()
    {
        var pod = WithMeta(new V1Pod(), "x", Owner("apps.kruise.io/v1alpha1", "CloneSet", "web", controller: false));
        Assert.Empty(Router.Route(WatchedResource.Pods, pod));
    }

    [Fact]
    public void Unowned_objects_of_unregistered_kinds_go_nowhere()
    {
        Assert.Empty(Router.Route(WatchedResource.ControllerRevisions, WithMeta(new V1ControllerRevision(), "r")));
        Assert.Empty(Router.Route(WatchedResource.Pods, WithMeta(new V1Pod(), "lonely")));
    }
}
