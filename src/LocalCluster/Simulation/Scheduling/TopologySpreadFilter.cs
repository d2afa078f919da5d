namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// PodTopologySpread's filter for the pod's DoNotSchedule constraints: matching pods are counted
/// per topology domain over the nodes the constraint considers (those with every constraint's
/// key, matching the pod's node affinity unless nodeAffinityPolicy is Ignore, and tolerated when
/// nodeTaintsPolicy is Honor); placing the pod may not push a domain more than maxSkew above the
/// emptiest one (which counts as 0 while fewer than minDomains domains exist).
/// </summary>
public sealed class TopologySpreadFilter
{
    private readonly PodFacts _pod;
    private readonly IReadOnlyList<SpreadConstraint> _constraints;
    private readonly Dictionary<(string Key, string Value), int>[] _counts;
    private readonly int[] _min;

    private TopologySpreadFilter(PodFacts pod, IReadOnlyList<SpreadConstraint> constraints)
    {
        _pod = pod;
        _constraints = constraints;
        _counts = [.. constraints.Select(_ => new Dictionary<(string, string), int>())];
        _min = new int[constraints.Count];
    }

    public static TopologySpreadFilter? Prepare(PodFacts pod, SchedulingSnapshot snapshot)
    {
        var constraints = pod.SpreadConstraints.Where(c => c.Required).ToList();
        if (constraints.Count == 0)
            return null;
        var filter = new TopologySpreadFilter(pod, constraints);
        var perNode = SpreadCounting.MatchingPerNode(pod, constraints, snapshot);
        foreach (var node in snapshot.Nodes)
        {
            var facts = node.Facts!;
            if (!constraints.All(c => facts.Labels.ContainsKey(c.TopologyKey)))
                continue;
            for (var i = 0; i < constraints.Count; i++)
            {
                if (!SpreadCounting.Considers(constraints[i], pod, facts))
                    continue;
                var domain = (constraints[i].TopologyKey, facts.Labels[constraints[i].TopologyKey]);
                filter._counts[i][domain] = filter._counts[i].GetValueOrDefault(domain) + perNode[i].GetValueOrDefault(node.Name);
            }
        }
        for (var i = 0; i < constraints.Count; i++)
        {
            var counts = filter._counts[i];
            filter._min[i] = counts.Count < constraints[i].MinDomains ? 0 : counts.Count == 0 ? int.MaxValue : counts.Values.Min();
        }
        return filter;
    }

    public FilterFailure? Check(NodeState node)
    {
        var facts = node.Facts!;
        foreach (var constraint in _constraints)
        {
            if (!facts.Labels.ContainsKey(constraint.TopologyKey))
                return FilterFailure.Unresolvable(FilterReasons.SpreadMissingLabel);
        }
        for (var i = 0; i < _constraints.Count; i++)
        {
            var constraint = _constraints[i];
            var self = constraint.Selects(_pod, _pod.Namespace) ? 1 : 0;
            var skew = (long)_counts[i].GetValueOrDefault((constraint.TopologyKey, facts.Labels[constraint.TopologyKey])) + self - _min[i];
            if (skew > constraint.MaxSkew)
                return FilterFailure.Preemptible(FilterReasons.SpreadConstraints);
        }
        return null;
    }
}

/// <summary>Counting shared by the spread filter and score.</summary>
internal static class SpreadCounting
{
    /// <summary>Per constraint, how many placed pods it selects on each node (pods being deleted left out).</summary>
    public static Dictionary<string, int>[] MatchingPerNode(PodFacts pod, IReadOnlyList<SpreadConstraint> constraints, SchedulingSnapshot snapshot)
    {
        var counts = constraints.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var (existing, node) in snapshot.PodsIn(pod.Namespace))
        {
            if (existing.Deleting)
                continue;
            for (var i = 0; i < constraints.Count; i++)
            {
                if (constraints[i].Selects(existing, pod.Namespace))
                    counts[i][node] = counts[i].GetValueOrDefault(node) + 1;
            }
        }
        return counts;
    }

    /// <summary>nodeAffinityPolicy and nodeTaintsPolicy: whether the constraint counts this node's domain.</summary>
    public static bool Considers(SpreadConstraint constraint, PodFacts pod, NodeFacts node) =>
        (!constraint.HonorNodeAffinity || NodeFilters.MatchesNodeAffinity(pod, node))
        && (!constraint.HonorNodeTaints || Tolerations.FirstUntolerated(node.Taints, pod.Tolerations) is null);
}
