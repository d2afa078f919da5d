using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Tests.Runtime;

public sealed class ObservedWorldTests
{
    private static V1Pod Pod(string name, string rv = "1") => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", ResourceVersion = rv } };

    [Fact]
    public void Observations_add_replace_and_remove_objects_by_kind_and_name()
    {
        var world = new ObservedWorld(["CloneSet", "Pod"]);
        world.Apply(new ObjectObserved("Pod", Pod("a")));
        world.Apply(new ObjectObserved("Pod", Pod("b")));
        world.Apply(new ObjectObserved("Pod", Pod("a", "2")));
        world.Apply(new ObjectDeleted("Pod", Pod("b", "3")));
        world.Apply(new ObjectObserved("CloneSet", new CloneSet { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "ns" } }));

        Assert.Equal(["2"], world.All<V1Pod>("Pod").Select(p => p.Metadata.ResourceVersion));
        Assert.NotNull(world.Get<CloneSet>("CloneSet", "ns", "web"));
        Assert.Null(world.Get<V1Pod>("Pod", "ns", "b"));
        Assert.Empty(world.Of("ControllerRevision"));
        Assert.Equal(2, world.Count);
    }

    [Fact]
    public void A_lone_object_is_replaced_found_and_removed_by_its_own_namespace_and_name()
    {
        var world = new ObservedWorld(["Pod"]);
        world.Apply(new ObjectObserved("Pod", Pod("a")));
        world.Apply(new ObjectObserved("Pod", Pod("a", "2")));

        Assert.Equal("2", Assert.Single(world.Of("Pod")).Metadata.ResourceVersion);
        Assert.Equal("2", world.Get<V1Pod>("Pod", "ns", "a")?.Metadata.ResourceVersion);
        Assert.Null(world.Get<V1Pod>("Pod", "other", "a"));
        Assert.Null(world.Get<V1Pod>("Pod", "ns", "b"));
        world.Apply(new ObjectDeleted("Pod", Pod("b")));
        Assert.Equal(1, world.Count);
        world.Apply(new ObjectDeleted("Pod", Pod("a", "3")));
        Assert.Empty(world.Of("Pod"));
        Assert.Equal(0, world.Count);
    }

    [Fact]
    public void A_second_object_joins_the_first_and_either_can_leave()
    {
        var world = new ObservedWorld(["Pod"]);
        world.Apply(new ObjectObserved("Pod", Pod("a")));
        world.Apply(new ObjectObserved("Pod", Pod("b")));
        world.Apply(new ObjectDeleted("Pod", Pod("a")));
        world.Apply(new ObjectObserved("Pod", Pod("c")));

        Assert.Equal(["b", "c"], world.All<V1Pod>("Pod").Select(p => p.Metadata.Name).Order());
        Assert.NotNull(world.Get<V1Pod>("Pod", "ns", "c"));
        Assert.Equal(2, world.Count);
    }

    [Fact]
    public void The_world_is_synced_once_every_observed_kind_is()
    {
        var world = new ObservedWorld(["CloneSet", "Pod"]);
        Assert.False(world.AllSynced);
        world.Apply(new ObservationsSynced("Pod"));
        Assert.True(world.IsSynced("Pod"));
        Assert.False(world.AllSynced);
        world.Apply(new ObservationsSynced("CloneSet"));
        Assert.True(world.AllSynced);
    }

    [Fact]
    public void A_kind_it_was_not_told_about_is_still_kept_and_synced_but_does_not_count_for_all_synced()
    {
        var world = new ObservedWorld(["Pod"]);
        world.Apply(new ObjectObserved("ConfigMap", new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "ns" } }));
        world.Apply(new ObservationsSynced("ConfigMap"));

        Assert.NotNull(world.Get<V1ConfigMap>("ConfigMap", "ns", "c"));
        Assert.True(world.IsSynced("ConfigMap"));
        Assert.False(world.Observes("ConfigMap"));
        Assert.False(world.AllSynced);
        Assert.Equal(1, world.Count);
        world.Apply(new ObjectDeleted("ConfigMap", new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "ns" } }));
        Assert.Empty(world.Of("ConfigMap"));
    }

    [Fact]
    public void A_kind_named_twice_is_one_kind()
    {
        var world = new ObservedWorld(new List<string> { "Pod", "CloneSet", "Pod" });
        Assert.Equal(["Pod", "CloneSet"], world.Kinds);
        world.Apply(new ObservationsSynced("Pod"));
        world.Apply(new ObservationsSynced("CloneSet"));
        Assert.True(world.AllSynced);
    }

    [Fact]
    public void Deleting_what_was_never_observed_changes_nothing()
    {
        var world = new ObservedWorld(["Pod"]);
        Assert.True(world.Apply(new ObjectDeleted("Pod", Pod("a"))));
        Assert.Equal(0, world.Count);
        Assert.Null(world.Get<V1Pod>("Pod", "ns", "a"));
    }

    [Fact]
    public void Other_inputs_leave_it_alone()
    {
        var world = new ObservedWorld(["Pod"]);
        Assert.False(world.Apply(WakeUp.Instance));
        Assert.False(world.Apply(new WantConfigMap("x")));
        Assert.Equal(0, world.Count);
    }
}
