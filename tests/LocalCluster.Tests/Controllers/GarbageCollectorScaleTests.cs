using System.Diagnostics;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Controllers;

public class GarbageCollectorScaleTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    [Fact]
    public async Task Ten_thousand_pods_of_one_owner_are_collected_from_the_index()
    {
        const int Count = 10_000;
        var ns = await cluster.NewNamespace("gc-scale");
        var service = cluster.Server.Service;
        var configMaps = service.Registry.Find("", "v1", "configmaps")!;
        var pods = service.Registry.Find("", "v1", "pods")!;
        var owner = await service.Create(configMaps, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "owner" } }, WriteOptions.Default);
        var reference = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = ObjectMeta.Uid(owner.Object), ["controller"] = true };
        // In-process writes: the point is the collector's cost, not HTTP.
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await service.Create(pods, ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = $"p-{i}", ["ownerReferences"] = new JsonArray(reference.DeepClone()) },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
            }, WriteOptions.Default, ct));

        var clock = Stopwatch.StartNew();
        await service.Delete(configMaps, ns, "owner", new DeleteOptions(PropagationPolicy: "Background"));
        await Eventually(() => Task.FromResult(service.Store.List(pods.Key, ns).Items.Count == 0), "every pod to be collected", seconds: 60);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"collecting {Count} pods took {clock.Elapsed}");
    }
}
