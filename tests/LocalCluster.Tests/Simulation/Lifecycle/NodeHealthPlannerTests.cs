using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Lifecycle;

public sealed class NodeHealthPlannerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData(0, false)]
    [InlineData(39, false)]
    [InlineData(40, false)]
    [InlineData(41, true)]
    [InlineData(600, true)]
    public void A_node_is_marked_unknown_once_its_lease_has_not_moved_for_the_grace_period(int secondsSinceRenewal, bool unknown)
    {
        var probe = new LeaseProbe("2025-03-01T12:00:00.000000Z", Start);

        var plan = NodeHealthPlanner.Plan(ReadyNode(), probe, Start.AddSeconds(secondsSinceRenewal), Grace);

        Assert.Equal(unknown, plan.MarkUnknown);
        Assert.Equal(unknown ? "Unknown" : "True", plan.ReadyStatus);
        Assert.Equal(unknown ? 2 : null, plan.Taints?.Count);
        Assert.Equal(unknown ? null : Start + Grace + TimeSpan.FromMilliseconds(1), plan.RecheckAt);
    }

    [Fact]
    public void Silence_counts_from_when_the_controller_saw_the_lease_change_not_from_its_renew_time()
    {
        // A lease renewed long ago, first seen now (a controller restart): a full grace period begins.
        var seen = LeaseProbe.Observe(null, "2020-01-01T00:00:00.000000Z", Start);
        Assert.False(NodeHealthPlanner.Plan(ReadyNode(), seen, Start.AddSeconds(30), Grace).MarkUnknown);

        // The same renewTime seen again later does not reset it; a new one does.
        var unchanged = LeaseProbe.Observe(seen, "2020-01-01T00:00:00.000000Z", Start.AddSeconds(30));
        Assert.Same(seen, unchanged);
        var renewed = LeaseProbe.Observe(seen, "2025-03-01T12:00:30.000000Z", Start.AddSeconds(30));
        Assert.Equal(Start.AddSeconds(30), renewed.ObservedAt);
        Assert.False(NodeHealthPlanner.Plan(ReadyNode(), renewed, Start.AddSeconds(60), Grace).MarkUnknown);
    }

    [Fact]
    public void An_unknown_node_is_not_marked_again_but_keeps_its_taints()
    {
        var node = ReadyNode();
        node["status"]!["conditions"] = NodeConditions.Unknown(node["status"]!["conditions"], Start, Start);
        node["spec"]!["taints"] = new JsonArray(
            new Taint(Taint.Unreachable, "", Taint.NoSchedule, Start).ToJson(),
            new Taint(Taint.Unreachable, "", Taint.NoExecute, Start).ToJson());

        var plan = NodeHealthPlanner.Plan(node, new LeaseProbe("", Start), Start.AddMinutes(5), Grace);

        Assert.False(plan.MarkUnknown);
        Assert.Null(plan.Taints);
        Assert.Equal("Unknown", plan.ReadyStatus);
    }

    [Fact]
    public void A_renewed_node_still_unknown_keeps_its_taints_until_its_kubelet_posts_ready()
    {
        var node = ReadyNode();
        node["status"]!["conditions"] = NodeConditions.Unknown(node["status"]!["conditions"], Start, Start);
        node["spec"]!["taints"] = new JsonArray(new Taint(Taint.Unreachable, "", Taint.NoExecute, Start).ToJson(), new Taint(Taint.Unreachable, "", Taint.NoSchedule, Start).ToJson());
        var renewed = new LeaseProbe("later", Start.AddMinutes(5));

        var plan = NodeHealthPlanner.Plan(node, renewed, Start.AddMinutes(5), Grace);

        Assert.False(plan.MarkUnknown);
        Assert.Null(plan.Taints);

        node["status"]!["conditions"] = NodeConditions.Healthy(Start.AddMinutes(5), node["status"]!["conditions"]);
        Assert.Empty(NodeHealthPlanner.Plan(node, renewed, Start.AddMinutes(5), Grace).Taints!);
    }

    private static JsonObject ReadyNode() => SimulatedNode.Build(1, 3, "32", Start);
}
