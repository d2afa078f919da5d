using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

public static class TaintEffects
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";
}

public static class WellKnownTaints
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
}

public sealed record Taint(string Key, string Value, string Effect)
{
    public static IReadOnlyList<Taint> ListFrom(JsonNode? taints) =>
        [.. JsonRead.Objects(taints).Select(t => new Taint(JsonRead.Str(t, "key"), JsonRead.Str(t, "value"), JsonRead.Str(t, "effect")))];
}

public sealed record Toleration(string Key, string Operator, string Value, string Effect)
{
    public static IReadOnlyList<Toleration> ListFrom(JsonNode? tolerations) =>
        [.. JsonRead.Objects(tolerations).Select(t => new Toleration(JsonRead.Str(t, "key"), JsonRead.Str(t, "operator"), JsonRead.Str(t, "value"), JsonRead.Str(t, "effect")))];

    /// <summary>v1.Toleration.ToleratesTaint: an empty effect or key matches any; Exists ignores the value.</summary>
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
}

public static class Tolerations
{
    // Index loops: these run per node per decision, and an interface foreach allocates.
    public static bool Tolerate(IReadOnlyList<Toleration> tolerations, Taint taint)
    {
        for (var i = 0; i < tolerations.Count; i++)
        {
            if (tolerations[i].Tolerates(taint))
                return true;
        }
        return false;
    }

    /// <summary>The first NoSchedule or NoExecute taint the pod does not tolerate, in the node's order.</summary>
    public static Taint? FirstUntolerated(IReadOnlyList<Taint> taints, IReadOnlyList<Toleration> tolerations)
    {
        for (var i = 0; i < taints.Count; i++)
        {
            if (taints[i].Effect is TaintEffects.NoSchedule or TaintEffects.NoExecute && !Tolerate(tolerations, taints[i]))
                return taints[i];
        }
        return null;
    }

    /// <summary>PreferNoSchedule taints the pod does not tolerate (only tolerations for that effect, or any, count).</summary>
    public static int PreferNoScheduleUntolerated(IReadOnlyList<Taint> taints, IReadOnlyList<Toleration> tolerations)
    {
        var count = 0;
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (taint.Effect != TaintEffects.PreferNoSchedule)
                continue;
            var tolerated = false;
            for (var j = 0; j < tolerations.Count && !tolerated; j++)
                tolerated = tolerations[j].Effect is "" or TaintEffects.PreferNoSchedule && tolerations[j].Tolerates(taint);
            if (!tolerated)
                count++;
        }
        return count;
    }
}
