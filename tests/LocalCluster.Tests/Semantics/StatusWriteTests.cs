using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Tests.Controllers;

namespace Kruise.Actors.LocalCluster.Tests.Semantics;

/// <summary>A write to the status subresource changes the status and nothing else, and one that changes nothing stores nothing.</summary>
public class StatusWriteTests(ControllerCluster cluster) : IClassFixture<ControllerCluster>
{
    private static JsonObject StatusOnly(string name, JsonObject status) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name },
        // Ignored by a status write: only the status is taken.
        ["spec"] = new JsonObject { ["nodeName"] = "elsewhere" },
        ["status"] = status,
    };

    [Fact]
    public async Task A_status_write_replaces_the_status_in_place_and_keeps_the_rest_as_it_was()
    {
        var ns = await cluster.NewNamespace("status-write");
        var service = cluster.Server.Service;
        var pods = service.Registry.Find("", "v1", "pods")!;
        var created = await service.Create(pods, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p", ["labels"] = new JsonObject { ["app"] = "a" } },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
        }, WriteOptions.Default);
        var before = created.Object.DeepClone().AsObject();

        var status = new JsonObject { ["phase"] = "Running", ["podIP"] = "10.0.0.9" };
        var written = await service.Update(pods, ns, "p", _ => StatusOnly("p", status), "status", WriteOptions.Default);

        Assert.True(written.ResourceVersion > created.ResourceVersion);
        Assert.Equal(before.Select(p => p.Key), written.Object.Select(p => p.Key));
        Assert.Equal("Running", JsonRead.Str(written.Object, "status", "phase"));
        Assert.Equal("10.0.0.9", JsonRead.Str(written.Object, "status", "podIP"));
        Assert.True(JsonNode.DeepEquals(before["spec"], written.Object["spec"]), "the spec is the one created");
        Assert.Equal(JsonRead.Str(before, "metadata", "uid"), JsonRead.Str(written.Object, "metadata", "uid"));
        Assert.Equal("a", JsonRead.Str(written.Object, "metadata", "labels", "app"));
        // The version created is left as it was.
        Assert.True(JsonNode.DeepEquals(before, created.Object));

        var again = await service.Update(pods, ns, "p", _ => StatusOnly("p", new JsonObject { ["phase"] = "Running", ["podIP"] = "10.0.0.9" }), "status", WriteOptions.Default);
        Assert.Equal(written.ResourceVersion, again.ResourceVersion);
    }
}
