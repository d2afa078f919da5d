using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class RoutedKeysTests
{
    private static readonly EntityId Pod = new("Pod", "demo", "web-0");
    private static readonly EntityId Owner = new("CloneSet", "demo", "web");

    [Fact]
    public void An_entity_sent_one_object_is_given_it_back_and_nothing_once_it_is_gone()
    {
        var keys = new RoutedKeys();
        keys.Add(Pod, ("demo", "web-0"));
        keys.Add(Pod, ("demo", "web-0"));

        Assert.Equal([("demo", "web-0")], keys.Of(Pod));
        keys.Remove(Pod, ("demo", "other"));
        Assert.Single(keys.Of(Pod));
        keys.Remove(Pod, ("demo", "web-0"));
        Assert.Empty(keys.Of(Pod));
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public void An_entity_sent_many_objects_keeps_each_once_until_the_last_leaves()
    {
        var keys = new RoutedKeys();
        keys.Add(Owner, ("demo", "web-0"));
        keys.Add(Owner, ("demo", "web-1"));
        keys.Add(Owner, ("demo", "web-1"));
        keys.Add(Owner, ("other", "web-0"));
        keys.Add(Pod, ("demo", "web-0"));

        Assert.Equal([("demo", "web-0"), ("demo", "web-1"), ("other", "web-0")], keys.Of(Owner).Order());
        keys.Remove(Owner, ("demo", "web-0"));
        keys.Remove(Owner, ("demo", "web-1"));
        Assert.Equal([("other", "web-0")], keys.Of(Owner));
        keys.Remove(Owner, ("other", "web-0"));
        Assert.Empty(keys.Of(Owner));
        Assert.Equal([("demo", "web-0")], keys.Of(Pod));
        Assert.Equal(1, keys.Count);
    }

    [Fact]
    public void What_an_entity_is_given_is_a_copy_the_index_can_change_under()
    {
        var keys = new RoutedKeys();
        keys.Add(Owner, ("demo", "web-0"));
        keys.Add(Owner, ("demo", "web-1"));
        var given = keys.Of(Owner);
        keys.Remove(Owner, ("demo", "web-0"));

        Assert.Equal(2, given.Count);
    }
}
