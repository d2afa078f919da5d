using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Tests.Storage;

/// <summary>
/// The watch history keeps old versions as their bytes once watchers have read them; a replay,
/// a lagging watcher and a read of a current Event must still see every version exactly as written.
/// </summary>
public class WatchHistoryCompactionTests
{
    private static readonly StorageKey Pods = new("", "pods");
    private static readonly StorageKey Events = new("", "events");

    // Enough writes that the first ones leave the part of the history kept as trees.
    private const int PastTheHotChanges = WatchHub.HotChanges + 300;

    private static JsonObject Pod(string name, int step) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = new JsonObject { ["step"] = $"s{step}" } },
        ["spec"] = new JsonObject { ["priority"] = step, ["hostNetwork"] = step % 2 == 0, ["containers"] = new JsonArray(new JsonObject { ["name"] = "c" }) },
    };

    private static Task<List<StoredObject>> WriteVersions(ObjectStore store, string name, int updates) =>
        WriteVersions(store, name, updates, []);

    // asWritten: each version's JSON as the store handed it back, before it could be compacted.
    private static async Task<List<StoredObject>> WriteVersions(ObjectStore store, string name, int updates, List<string> asWritten)
    {
        var versions = new List<StoredObject> { await store.Create(Pods, Pod(name, 0)) };
        asWritten.Add(versions[0].Object.ToJsonString());
        for (var step = 1; step <= updates; step++)
        {
            versions.Add(await store.Update(Pods, Pod(name, step), versions[^1].ResourceVersion));
            asWritten.Add(versions[^1].Object.ToJsonString());
        }
        return versions;
    }

    private static List<WatchEvent> Drain(WatchHub.Subscription subscription)
    {
        var seen = new List<WatchEvent>();
        while (subscription.Events.TryRead(out var change))
            seen.Add(change);
        return seen;
    }

    [Fact]
    public async Task A_replay_from_the_first_version_sends_every_version_as_it_was_written()
    {
        await using var store = ObjectStore.InMemory();
        var expected = new List<string>();
        var versions = await WriteVersions(store, "p", PastTheHotChanges, expected);

        var (_, subscription) = store.Watch(Pods, "default", versions[0].ResourceVersion - 1);
        using (subscription)
        {
            var replayed = Drain(subscription);
            Assert.Equal(versions.Count, replayed.Count);
            Assert.Equal(expected, replayed.Select(c => c.Object.Object.ToJsonString()));
            Assert.Equal(expected, replayed.Select(c => System.Text.Encoding.UTF8.GetString(c.Object.Json)));
            // Read back from the bytes, numbers and booleans are still numbers and booleans.
            Assert.Equal(1, JsonRead.Int(replayed[1].Object.Object, "spec", "priority"));
            Assert.True(JsonRead.Bool(replayed[2].Object.Object, "spec", "hostNetwork"));
            Assert.Equal("s1", JsonRead.Str(replayed[2].Previous!.Object, "metadata", "labels", "step"));
        }
        Assert.True(versions[0].IsCompacted, "a version replaced long ago is kept as bytes");
        Assert.False(versions[^1].IsCompacted, "the current version stays a tree");
        Assert.Same(versions[^1], store.Get(Pods, "default", "p"));
    }

    [Fact]
    public async Task Versions_a_lagging_watcher_has_not_read_stay_trees_until_it_catches_up()
    {
        await using var store = ObjectStore.InMemory();
        var (_, subscription) = store.WatchAll();
        using (subscription)
        {
            var versions = await WriteVersions(store, "p", PastTheHotChanges);
            Assert.False(versions[0].IsCompacted, "the watcher has not read the first version yet");

            var seen = Drain(subscription);
            Assert.Equal(versions.Select(v => v.ResourceVersion), seen.Select(c => c.ResourceVersion));
            var more = await WriteVersions(store, "q", 2 * PastTheHotChanges);
            Drain(subscription);
            Assert.True(versions[0].IsCompacted, "once read and long replaced, the version is kept as bytes");
            Assert.False(more[^1].IsCompacted);
        }
    }

    [Fact]
    public async Task A_current_event_kept_as_bytes_reads_as_written()
    {
        await using var store = ObjectStore.InMemory();
        var written = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p.1", ["namespace"] = "default" },
            ["reason"] = "Scheduled",
            ["count"] = 2,
        };
        var ev = await store.Create(Events, written);
        var asWritten = ev.Object.ToJsonString();
        await WriteVersions(store, "p", PastTheHotChanges);

        var current = store.Get(Events, "default", "p.1");
        Assert.NotNull(current);
        Assert.True(current.IsCompacted);
        Assert.Equal(asWritten, current.Object.ToJsonString());
        Assert.Equal(2, JsonRead.Int(current.Object, "count"));
        var (items, _) = store.List(Events, "default");
        Assert.Equal("Scheduled", JsonRead.Str(Assert.Single(items).Object, "reason"));
    }

    [Fact]
    public async Task A_deleted_object_replays_its_deletion_with_its_last_state()
    {
        await using var store = ObjectStore.InMemory();
        var pod = await store.Create(Pods, Pod("gone", 7));
        await store.Delete(Pods, "default", "gone", pod.ResourceVersion);
        await WriteVersions(store, "p", PastTheHotChanges);

        var (_, subscription) = store.Watch(Pods, "default", pod.ResourceVersion);
        using (subscription)
        {
            var deleted = Drain(subscription)[0];
            Assert.Equal(WatchEventType.Deleted, deleted.Type);
            Assert.True(deleted.Object.IsCompacted);
            Assert.Equal("s7", JsonRead.Str(deleted.Object.Object, "metadata", "labels", "step"));
            Assert.Equal(pod.Object["spec"]!.ToJsonString(), deleted.Previous!.Object["spec"]!.ToJsonString());
        }
    }
}
