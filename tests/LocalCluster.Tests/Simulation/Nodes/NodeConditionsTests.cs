using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Nodes;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Nodes.SimulatedNodeTests;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Nodes;

public sealed class NodeConditionsTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddMinutes(5);

    [Fact]
    public void A_silent_kubelet_leaves_every_condition_unknown_with_its_last_heartbeat()
    {
        var healthy = NodeConditions.Healthy(Created, null);

        var unknown = ByType(NodeConditions.Unknown(healthy, Later, Created));

        Assert.Equal(["DiskPressure", "MemoryPressure", "PIDPressure", "Ready"], unknown.Keys.Order());
        foreach (var condition in unknown.Values)
        {
            Assert.Equal("Unknown", Str(condition, "status"));
            Assert.Equal("NodeStatusUnknown", Str(condition, "reason"));
            Assert.Equal("Kubelet stopped posting node status.", Str(condition, "message"));
            Assert.Equal("2025-03-01T12:00:00Z", Str(condition, "lastHeartbeatTime"));
            Assert.Equal("2025-03-01T12:05:00Z", Str(condition, "lastTransitionTime"));
        }
    }

    [Fact]
    public void Conditions_never_posted_are_added_as_never_updated()
    {
        var unknown = ByType(NodeConditions.Unknown(new JsonArray(), Later, Created));

        Assert.Equal(4, unknown.Count);
        Assert.All(unknown.Values, c => Assert.Equal(("Unknown", "NodeStatusNeverUpdated", "Kubelet never posted node status."), (Str(c, "status"), Str(c, "reason"), Str(c, "message"))));
        Assert.All(unknown.Values, c => Assert.Equal("2025-03-01T12:00:00Z", Str(c, "lastHeartbeatTime")));
    }

    [Fact]
    public void Marking_unknown_twice_changes_nothing_the_second_time()
    {
        var once = NodeConditions.Unknown(NodeConditions.Healthy(Created, null), Later, Created);

        var twice = NodeConditions.Unknown(once, Later.AddMinutes(1), Created);

        Assert.True(JsonNode.DeepEquals(once, twice));
        Assert.True(NodeConditions.AllUnknown(twice));
    }

    [Fact]
    public void Other_conditions_survive_being_marked_unknown()
    {
        var conditions = NodeConditions.Healthy(Created, null);
        conditions.Add(new JsonObject { ["type"] = "NetworkUnavailable", ["status"] = "False" });

        var unknown = ByType(NodeConditions.Unknown(conditions, Later, Created));

        Assert.Equal("False", Str(unknown["NetworkUnavailable"], "status"));
    }

    [Fact]
    public void A_kubelet_posting_again_keeps_transition_times_of_unchanged_conditions()
    {
        var unknown = NodeConditions.Unknown(NodeConditions.Healthy(Created, null), Later, Created);
        var back = NodeConditions.Healthy(Later.AddMinutes(1), unknown);
        var again = ByType(NodeConditions.Healthy(Later.AddMinutes(2), back));

        Assert.True(NodeConditions.AreHealthy(back));
        Assert.Equal("2025-03-01T12:06:00Z", Str(again["Ready"], "lastTransitionTime"));
        Assert.Equal("2025-03-01T12:07:00Z", Str(again["Ready"], "lastHeartbeatTime"));
        Assert.Equal("kubelet is posting ready status", Str(again["Ready"], "message"));
    }

    [Theory]
    [InlineData("Ready", "False", false)]
    [InlineData("Ready", "Unknown", false)]
    [InlineData("MemoryPressure", "True", false)]
    [InlineData("DiskPressure", "Unknown", false)]
    [InlineData("Ready", "True", true)]
    public void Healthy_means_ready_and_no_pressure(string type, string status, bool healthy)
    {
        var conditions = NodeConditions.Healthy(Created, null);
        ByType(conditions)[type]["status"] = status;

        Assert.Equal(healthy, NodeConditions.AreHealthy(conditions));
    }

    [Fact]
    public void Ready_status_is_null_before_any_was_posted()
    {
        Assert.Null(NodeConditions.ReadyStatus(new JsonObject { ["status"] = new JsonObject() }));
        Assert.Equal("True", NodeConditions.ReadyStatus(SimulatedNode.Build(1, 1, "32", Created)));
    }

    private static Dictionary<string, JsonObject> ByType(JsonArray conditions) =>
        conditions.OfType<JsonObject>().ToDictionary(c => Str(c, "type"));
}
