namespace Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

internal enum PodRemoval
{
    None,

    /// <summary>Delete as the taint manager does (the pod's own grace period), after marking it a disruption target.</summary>
    Evict,

    /// <summary>Delete with grace 0: its kubelet cannot confirm the termination.</summary>
    ForceDelete,
}

/// <summary>What the node lifecycle controller knows of one pod bound to the node it is looking at.</summary>
/// <param name="DeletionTimestamp">When its graceful deletion ends (null while it is not being deleted).</param>
/// <param name="ReadyStatus">Its Ready condition's status, null when it has none.</param>
/// <param name="Tolerations">Its spec.tolerations.</param>
/// <param name="ExposedSince">When the controller first found it on a NoExecute-tainted node it tolerates for a while (null: not yet).</param>
internal sealed record PodOnNode(DateTimeOffset? DeletionTimestamp, string? ReadyStatus, IReadOnlyList<Toleration> Tolerations, DateTimeOffset? ExposedSince);

/// <param name="MarkNotReady">Set the pod's Ready condition to False.</param>
/// <param name="Removal">Whether and how to delete it.</param>
/// <param name="ExposedSince">What to remember as the pod's exposure start (null: forget it).</param>
/// <param name="RecheckAt">When the pod's fate changes unless something else does first.</param>
internal sealed record PodPlan(bool MarkNotReady, PodRemoval Removal, DateTimeOffset? ExposedSince = null, DateTimeOffset? RecheckAt = null);

/// <summary>
/// The node lifecycle controller's decisions for the pods of one node: mark them not ready when
/// the node is not, evict them as the taint-eviction controller does (at once when a NoExecute
/// taint is not tolerated, else after the shortest tolerationSeconds of the tolerations used,
/// counted from when the pod was first found exposed), and finish the termination of pods a silent
/// kubelet cannot finish.
/// </summary>
internal static class PodEvictionPlanner
{
    public static PodPlan Plan(PodOnNode pod, string? nodeReady, IReadOnlyList<Taint> nodeTaints, DateTimeOffset now)
    {
        var markNotReady = nodeReady is not (null or "True") && pod.ReadyStatus == "True";
        if (pod.DeletionTimestamp is { } deadline)
        {
            // Simplification of PodGC (which does this only for nodes tainted out-of-service): a
            // terminating pod on an unreachable node is removed once its grace period is over, since
            // no kubelet will confirm it stopped. Its IP is freed with it.
            if (nodeReady != "Unknown")
                return new(markNotReady, PodRemoval.None);
            return deadline <= now ? new(false, PodRemoval.ForceDelete) : new(markNotReady, PodRemoval.None, RecheckAt: deadline);
        }
        var delay = TolerationDelay(nodeTaints.Where(t => t.Effect == Taint.NoExecute).ToList(), pod.Tolerations);
        if (delay is not { } tolerated)
            return new(markNotReady, PodRemoval.None);
        var since = pod.ExposedSince ?? now;
        var evictAt = since + tolerated;
        return evictAt <= now ? new(false, PodRemoval.Evict) : new(markNotReady, PodRemoval.None, since, evictAt);
    }

    /// <summary>
    /// How long the pod may stay on a node with these NoExecute taints: zero when one is not
    /// tolerated, null when all are tolerated for ever (or there are none), else the shortest
    /// tolerationSeconds among the first toleration matching each taint (upstream's
    /// GetMatchingTolerations and getMinTolerationTime).
    /// </summary>
    public static TimeSpan? TolerationDelay(IReadOnlyList<Taint> noExecuteTaints, IReadOnlyList<Toleration> tolerations)
    {
        if (noExecuteTaints.Count == 0)
            return null;
        long? shortest = null;
        foreach (var taint in noExecuteTaints)
        {
            var used = tolerations.FirstOrDefault(t => t.Tolerates(taint));
            if (used is null)
                return TimeSpan.Zero;
            if (used.Seconds is { } seconds)
            {
                if (seconds <= 0)
                    return TimeSpan.Zero;
                shortest = Math.Min(shortest ?? long.MaxValue, seconds);
            }
        }
        return shortest is { } s ? TimeSpan.FromSeconds(s) : null;
    }
}
