using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

/// <summary>
/// The last change of a node's lease the controller saw, and when it saw it. Silence is measured
/// on the controller's own clock from that moment, as upstream's probeTimestamp: a controller
/// that (re)starts gives every node a full grace period whatever the lease says.
/// </summary>
internal sealed record LeaseProbe(string RenewTime, DateTimeOffset ObservedAt)
{
    /// <summary>The probe after seeing <paramref name="renewTime"/> ("" when the node has no lease).</summary>
    public static LeaseProbe Observe(LeaseProbe? previous, string renewTime, DateTimeOffset now) =>
        previous is not null && previous.RenewTime == renewTime ? previous : new(renewTime, now);
}

/// <param name="MarkUnknown">Overwrite the node's conditions with Unknown: its kubelet went silent.</param>
/// <param name="Taints">The node's taints as they should be, null when they are right.</param>
/// <param name="ReadyStatus">The node's Ready status once the plan is carried out (null: never posted).</param>
/// <param name="RecheckAt">When the node goes silent unless its lease is renewed first.</param>
internal sealed record NodePlan(bool MarkUnknown, IReadOnlyList<Taint>? Taints, string? ReadyStatus, DateTimeOffset? RecheckAt);

/// <summary>The node lifecycle controller's decision for one node: is it silent, which taints follow from its state.</summary>
internal static class NodeHealthPlanner
{
    public static NodePlan Plan(JsonObject node, LeaseProbe probe, DateTimeOffset now, TimeSpan grace)
    {
        var silentAt = probe.ObservedAt + grace;
        var silent = now > silentAt;
        var conditions = JsonRead.At(node, "status", "conditions");
        var markUnknown = silent && !NodeConditions.AllUnknown(conditions);
        var ready = markUnknown ? "Unknown" : NodeConditions.ReadyStatus(node);
        var current = Taint.Of(node);
        var desired = NodeTaints.Desired(current, ready, JsonRead.Bool(node, "spec", "unschedulable"), now);
        return new(markUnknown, ReferenceEquals(desired, current) ? null : desired, ready, silent ? null : silentAt + TimeSpan.FromMilliseconds(1));
    }
}
