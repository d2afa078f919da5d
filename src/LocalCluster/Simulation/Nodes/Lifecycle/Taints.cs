using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

/// <summary>A node taint (spec.taints[*]).</summary>
public sealed record Taint(string Key, string Value, string Effect, DateTimeOffset? TimeAdded = null)
{
    public const string NoSchedule = "NoSchedule";
    public const string NoExecute = "NoExecute";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";

    /// <summary>Same taint whatever its timeAdded: the node's taints are unique by key and effect.</summary>
    public bool SameAs(Taint other) => Key == other.Key && Effect == other.Effect;

    public static Taint From(JsonObject taint) => new(
        JsonRead.Str(taint, "key"),
        JsonRead.Str(taint, "value"),
        JsonRead.Str(taint, "effect"),
        ObjectMeta.ParseTimestamp(taint["timeAdded"]));

    public static IReadOnlyList<Taint> Of(JsonObject node) => [.. JsonRead.Objects(node, "spec", "taints").Select(From)];

    public JsonObject ToJson()
    {
        var taint = new JsonObject { ["key"] = Key };
        if (Value.Length > 0)
            taint["value"] = Value;
        taint["effect"] = Effect;
        if (TimeAdded is { } added)
            taint["timeAdded"] = ObjectMeta.Timestamp(added);
        return taint;
    }
}

/// <summary>A pod toleration (spec.tolerations[*]); <see cref="Seconds"/> is tolerationSeconds.</summary>
public sealed record Toleration(string Key, string Operator, string Value, string Effect, long? Seconds = null)
{
    /// <summary>Kubernetes' Toleration.ToleratesTaint: an empty effect or key matches any; Exists ignores the value.</summary>
    public bool Tolerates(Taint taint)
    {
        if (Effect.Length > 0 && Effect != taint.Effect)
            return false;
        if (Key.Length > 0 && Key != taint.Key)
            return false;
        return Operator switch
        {
            "" or "Equal" => Value == taint.Value,
            "Exists" => true,
            _ => false,
        };
    }

    public static Toleration From(JsonObject toleration) => new(
        JsonRead.Str(toleration, "key"),
        JsonRead.Str(toleration, "operator"),
        JsonRead.Str(toleration, "value"),
        JsonRead.Str(toleration, "effect"),
        JsonRead.IntOrNull(toleration, "tolerationSeconds"));

    public static IReadOnlyList<Toleration> Of(JsonObject pod) => [.. JsonRead.Objects(pod, "spec", "tolerations").Select(From)];
}
