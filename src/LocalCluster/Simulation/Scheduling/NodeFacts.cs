using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>What the scheduler needs of a Node.</summary>
public sealed record NodeFacts(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<Taint> Taints,
    ResourceAmounts Allocatable,
    long AllowedPods,
    bool Unschedulable,
    bool Ready)
{
    public string? Label(string key) => Labels.GetValueOrDefault(key);

    /// <summary>topology.kubernetes.io/zone, read once: default spreading asks for it on every decision.</summary>
    public string? Zone { get; } = Labels.GetValueOrDefault(SimulationConventions.ZoneLabel);

    /// <summary>
    /// Reads a Node. A node whose Ready condition is not True also gets the NoSchedule taint the
    /// node lifecycle controller would give it (not-ready, or unreachable when Unknown) unless it
    /// carries one already, so a NotReady node never takes new pods however it was created.
    /// </summary>
    public static NodeFacts From(JsonObject node)
    {
        var taints = Taint.ListFrom(JsonRead.At(node, "spec", "taints"));
        var readyStatus = JsonRead.Objects(node, "status", "conditions").FirstOrDefault(c => JsonRead.Str(c, "type") == "Ready") is { } ready
            ? JsonRead.Str(ready, "status")
            : "";
        var isReady = readyStatus == "True";
        if (!isReady && !taints.Any(t => t.Effect == TaintEffects.NoSchedule && t.Key is WellKnownTaints.NotReady or WellKnownTaints.Unreachable))
            taints = [.. taints, new Taint(readyStatus == "Unknown" ? WellKnownTaints.Unreachable : WellKnownTaints.NotReady, "", TaintEffects.NoSchedule)];
        var allocatable = JsonRead.At(node, "status", "allocatable");
        return new NodeFacts(
            JsonRead.Str(node, "metadata", "name"),
            JsonRead.StringMap(node, "metadata", "labels"),
            taints,
            ResourceAmounts.From(allocatable),
            Quantities.For(ResourceNames.Pods, JsonRead.At(allocatable, ResourceNames.Pods)),
            JsonRead.Bool(node, "spec", "unschedulable"),
            isReady);
    }

    /// <summary>Whether a change to the node could change a scheduling decision.</summary>
    public bool SchedulesLike(NodeFacts other) =>
        Name == other.Name && Unschedulable == other.Unschedulable && Ready == other.Ready && AllowedPods == other.AllowedPods
        && Allocatable.Equals(other.Allocatable) && Taints.SequenceEqual(other.Taints)
        && Labels.Count == other.Labels.Count && Labels.All(p => other.Labels.TryGetValue(p.Key, out var v) && v == p.Value);
}
