using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Tests.Storage;

/// <summary>The store's feed of every resource, whole or narrowed to the resources a follower names.</summary>
public class WatchAllTests
{
    private static readonly StorageKey Pods = new("", "pods");
    private static readonly StorageKey Events = new("", "events");
    private static readonly StorageKey Nodes = new("", "nodes");

    private static JsonObject Obj(string name, string ns = "default") =>
        new() { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } };

    private static async Task Seed(ObjectStore store)
    {
        await store.Create(Pods, Obj("p1"));
        await store.Create(Events, Obj("e1"));
        await store.Create(Nodes, Obj("n1", ""));
    }

    private static async Task Later(ObjectStore store)
    {
        await store.Create(Events, Obj("e2"));
        var p2 = await store.Create(Pods, Obj("p2"));
        var changed = p2.CloneObject();
        changed["spec"] = new JsonObject { ["nodeName"] = "n1" };
        await store.Update(Pods, changed, p2.ResourceVersion);
        await store.Create(Nodes, Obj("n2", ""));
        await store.Create(Events, Obj("e3"));
    }

    private static List<string> Drain(WatchHub.Subscription subscription)
    {
        var seen = new List<string>();
        while (subscription.Events.TryRead(out var change))
            seen.Add($"{change.Type} {change.Key.Plural}/{change.Object.Name}");
        return seen;
    }

    [Fact]
    public async Task Narrowed_to_some_resources_it_hands_over_only_theirs_in_order()
    {
        await using var store = ObjectStore.InMemory();
        await Seed(store);
        var (initial, subscription) = store.WatchAll(new HashSet<StorageKey> { Pods, Nodes });
        using (subscription)
        {
            Assert.Equal(["nodes/n1", "pods/p1"], initial.Select(o => $"{o.Key.Plural}/{o.Object.Name}").Order(StringComparer.Ordinal));
            await Later(store);
            Assert.Equal(["Added pods/p2", "Modified pods/p2", "Added nodes/n2"], Drain(subscription));
        }
    }

    [Fact]
    public async Task Unnarrowed_it_hands_over_every_resource()
    {
        await using var store = ObjectStore.InMemory();
        await Seed(store);
        var (initial, subscription) = store.WatchAll();
        using (subscription)
        {
            Assert.Equal(3, initial.Count);
            await Later(store);
            Assert.Equal(["Added events/e2", "Added pods/p2", "Modified pods/p2", "Added nodes/n2", "Added events/e3"], Drain(subscription));
        }
    }
}
