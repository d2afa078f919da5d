namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// Scores that look at one node alone, each normalized to 0..100 over the feasible nodes as its
/// kube-scheduler plugin does: preferred node affinity, PreferNoSchedule taints, least-allocated
/// and balanced allocation of cpu and memory.
/// </summary>
public static class NodeScores
{
    /// <summary>Sum of the weights of matching preferred terms, scaled so the best node gets 100.</summary>
    public static long[] NodeAffinity(PodFacts pod, IReadOnlyList<NodeState> nodes)
    {
        var scores = new long[nodes.Count];
        if (pod.PreferredNodeAffinity.Count == 0)
            return scores;
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var term in pod.PreferredNodeAffinity)
            {
                if (term.Weight != 0 && NodeSelectorMatching.Matches(term.Preference, nodes[i].Facts!))
                    scores[i] += term.Weight;
            }
        }
        return Normalize(scores, reverse: false);
    }

    /// <summary>Fewest untolerated PreferNoSchedule taints gets 100.</summary>
    public static long[] TaintToleration(PodFacts pod, IReadOnlyList<NodeState> nodes)
    {
        var scores = new long[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
            scores[i] = Tolerations.PreferNoScheduleUntolerated(nodes[i].Facts!.Taints, pod.Tolerations);
        return Normalize(scores, reverse: true);
    }

    /// <summary>The share of cpu and memory left free once the pod is on the node (requests counted non-zero).</summary>
    public static long[] LeastAllocated(PodFacts pod, IReadOnlyList<NodeState> nodes)
    {
        var scores = new long[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var allocatable = node.Facts!.Allocatable;
            var cpu = Free(node.NonZeroMilliCpu + pod.NonZeroMilliCpu, allocatable.MilliCpu);
            var memory = Free(node.NonZeroMemory + pod.NonZeroMemory, allocatable.Memory);
            scores[i] = (cpu + memory) / 2;
        }
        return scores;
    }

    /// <summary>How evenly cpu and memory would be used: 100 when their used fractions are equal.</summary>
    public static long[] BalancedAllocation(PodFacts pod, IReadOnlyList<NodeState> nodes)
    {
        var scores = new long[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var allocatable = node.Facts!.Allocatable;
            var cpu = Fraction(node.Requested.MilliCpu + pod.Requests.MilliCpu, allocatable.MilliCpu);
            var memory = Fraction(node.Requested.Memory + pod.Requests.Memory, allocatable.Memory);
            // The standard deviation of two fractions is half their difference; a resource the node does not report is left out.
            var deviation = cpu is { } c && memory is { } m ? Math.Abs(c - m) / 2 : 0;
            scores[i] = (long)((1 - deviation) * ScoreWeights.MaxNodeScore);
        }
        return scores;
    }

    /// <summary>helper.DefaultNormalizeScore: scaled so the highest is 100 (or reversed so the lowest is).</summary>
    public static long[] Normalize(long[] scores, bool reverse)
    {
        var max = scores.Length == 0 ? 0 : scores.Max();
        for (var i = 0; i < scores.Length; i++)
        {
            var scaled = max == 0 ? 0 : scores[i] * ScoreWeights.MaxNodeScore / max;
            scores[i] = reverse ? ScoreWeights.MaxNodeScore - scaled : scaled;
        }
        return scores;
    }

    private static long Free(long requested, long capacity) =>
        capacity == 0 || requested > capacity ? 0 : (capacity - requested) * ScoreWeights.MaxNodeScore / capacity;

    private static double? Fraction(long requested, long capacity) =>
        capacity == 0 ? null : Math.Min(1, (double)requested / capacity);
}
