namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// One scheduling cycle, pure: filter every node (first failing filter gives its reasons), then
/// score the feasible ones and take the best, the first by name on a tie so results repeat.
/// </summary>
public static class SchedulingPlanner
{
    public static SchedulingDecision Plan(PodFacts pod, SchedulingSnapshot snapshot)
    {
        if (pod.NodeName.Length > 0)
            return new SchedulingDecision.Skip($"already assigned to node {pod.NodeName}");
        if (pod.Deleting)
            return new SchedulingDecision.Skip("being deleted");
        if (pod.Terminal)
            return new SchedulingDecision.Skip("terminated");
        if (pod.Gated)
            return new SchedulingDecision.Skip("waiting for its scheduling gates");
        var nodes = snapshot.Nodes;
        if (nodes.Length == 0)
            return new SchedulingDecision.Unschedulable(FilterReasons.NoNodes, new Dictionary<string, int>());

        var (feasible, reasons, preemption) = Filter(pod, snapshot);
        if (feasible.Count == 0)
            return new SchedulingDecision.Unschedulable(FitError.Message(nodes.Length, reasons, preemption), reasons);
        if (feasible.Count == 1)
            return new SchedulingDecision.Assign(feasible[0].Name, 1);

        var totals = Scores(pod, feasible, snapshot);
        var best = 0;
        for (var i = 1; i < feasible.Count; i++)
        {
            if (totals[i] > totals[best])
                best = i;
        }
        return new SchedulingDecision.Assign(feasible[best].Name, feasible.Count);
    }

    /// <summary>
    /// The nodes that pass every filter (in name order), and for the others how many nodes each
    /// reason ruled out and what preemption would make of them.
    /// </summary>
    public static (List<NodeState> Feasible, Dictionary<string, int> Reasons, Dictionary<string, int> Preemption) Filter(PodFacts pod, SchedulingSnapshot snapshot)
    {
        var nodes = snapshot.Nodes;
        var spread = TopologySpreadFilter.Prepare(pod, snapshot);
        var affinity = PodAffinityFilter.Prepare(pod, snapshot);
        var feasible = new List<NodeState>(nodes.Length);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var preemption = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var failure = NodeFilters.Check(pod, node) ?? spread?.Check(node) ?? affinity?.Check(node);
            if (failure is null)
            {
                feasible.Add(node);
                continue;
            }
            foreach (var reason in failure.Reasons)
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            var outcome = failure.Resolvable ? FilterReasons.NoPreemptionVictims : FilterReasons.PreemptionNotHelpful;
            preemption[outcome] = preemption.GetValueOrDefault(outcome) + 1;
        }
        return (feasible, reasons, preemption);
    }

    /// <summary>Each node's weighted score (feasible nodes in name order).</summary>
    public static long[] Scores(PodFacts pod, IReadOnlyList<NodeState> feasible, SchedulingSnapshot snapshot)
    {
        var totals = new long[feasible.Count];
        Add(totals, NodeScores.TaintToleration(pod, feasible), ScoreWeights.TaintToleration);
        Add(totals, NodeScores.NodeAffinity(pod, feasible), ScoreWeights.NodeAffinity);
        Add(totals, NodeScores.LeastAllocated(pod, feasible), ScoreWeights.LeastAllocated);
        Add(totals, NodeScores.BalancedAllocation(pod, feasible), ScoreWeights.BalancedAllocation);
        Add(totals, SpreadScores.Constraints(pod, feasible, snapshot), ScoreWeights.PodTopologySpread);
        Add(totals, SpreadScores.Default(pod, feasible, snapshot), ScoreWeights.DefaultSpreading);
        Add(totals, PodAffinityScore.Score(pod, feasible, snapshot), ScoreWeights.InterPodAffinity);
        return totals;
    }

    private static void Add(long[] totals, long[] scores, int weight)
    {
        for (var i = 0; i < totals.Length; i++)
            totals[i] += scores[i] * weight;
    }
}
