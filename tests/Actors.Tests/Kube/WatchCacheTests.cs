using k8s.Models;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class WatchCacheTests
{
    private static V1Pod Pod(string name, string rv, string uid = "") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = rv, Uid = uid.Length == 0 ? "uid-" + name : uid },
    };

    private static IEnumerable<(WatchChangeType, string, string)> Shape(IEnumerable<WatchChange> changes) =>
        changes.Select(c => (c.Type, c.Object.Metadata.Name ?? "", c.Object.Metadata.ResourceVersion ?? ""));

    [Fact]
    public void A_first_list_adds_everything()
    {
        var cache = new WatchCache();
        var changes = cache.ApplyList([Pod("a", "1"), Pod("b", "2")]);
        Assert.Equal([(WatchChangeType.Added, "a", "1"), (WatchChangeType.Added, "b", "2")], Shape(changes));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_relist_reports_only_what_changed_and_deletes_what_vanished()
    {
        var cache = new WatchCache();
        cache.ApplyList([Pod("a", "1"), Pod("b", "2"), Pod("c", "3")]);

        var changes = cache.ApplyList([Pod("a", "1"), Pod("b", "7"), Pod("d", "8")]);

        Assert.Equal([(WatchChangeType.Modified, "b", "7"), (WatchChangeType.Added, "d", "8"), (WatchChangeType.Deleted, "c", "3")], Shape(changes));
        Assert.Equal("2", changes[0].Previous!.Metadata.ResourceVersion);
        Assert.False(cache.TryGet("default", "c", out _));
    }

    [Fact]
    public void A_relist_that_finds_a_recreated_object_reports_the_delete_then_the_add()
    {
        var cache = new WatchCache();
        cache.ApplyList([Pod("a", "1", uid: "old")]);

        var changes = cache.ApplyList([Pod("a", "9", uid: "new")]);

        Assert.Equal([(WatchChangeType.Deleted, "a", "1"), (WatchChangeType.Added, "a", "9")], Shape(changes));
        Assert.Equal("old", changes[0].Object.Metadata.Uid);
    }

    [Fact]
    public void Watch_events_update_the_cache_and_a_replayed_version_is_dropped()
    {
        var cache = new WatchCache();
        Assert.Equal(WatchChangeType.Added, cache.Apply(WatchChangeType.Added, Pod("a", "1"))!.Type);
        Assert.Null(cache.Apply(WatchChangeType.Added, Pod("a", "1")));

        var modified = cache.Apply(WatchChangeType.Modified, Pod("a", "2"))!;
        Assert.Equal(WatchChangeType.Modified, modified.Type);
        Assert.Equal("1", modified.Previous!.Metadata.ResourceVersion);

        var deleted = cache.Apply(WatchChangeType.Deleted, Pod("a", "3"))!;
        Assert.Equal(WatchChangeType.Deleted, deleted.Type);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void An_added_event_for_a_known_object_is_a_modification()
    {
        var cache = new WatchCache();
        cache.Apply(WatchChangeType.Added, Pod("a", "1"));
        Assert.Equal(WatchChangeType.Modified, cache.Apply(WatchChangeType.Added, Pod("a", "5"))!.Type);
    }
}
