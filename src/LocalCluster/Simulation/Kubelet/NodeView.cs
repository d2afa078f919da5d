using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>What the kubelet reads of its Node: whether it runs here at all, whether it is stopped, its address and pod block.</summary>
public sealed record NodeView(string Name, bool Simulated, bool Stopped, string? InternalIp, string? PodCidr)
{
    public static NodeView Parse(JsonObject node) => new(
        ObjectMeta.Name(node) ?? "",
        JsonRead.Str(node, "metadata", "labels", SimulationConventions.SimulatedNodeLabel) == "true",
        JsonRead.Str(node, "metadata", "annotations", SimulationConventions.NodeStoppedAnnotation) == "true",
        JsonRead.Objects(node, "status", "addresses").Where(a => JsonRead.Str(a, "type") == "InternalIP").Select(a => JsonRead.Str(a, "address")).FirstOrDefault(a => a.Length > 0),
        JsonRead.Str(node, "spec", "podCIDR") is { Length: > 0 } cidr ? cidr : JsonRead.Strings(node, "spec", "podCIDRs").FirstOrDefault());

    /// <summary>Whether the kubelet of this node acts.</summary>
    public bool Active => Simulated && !Stopped;
}
