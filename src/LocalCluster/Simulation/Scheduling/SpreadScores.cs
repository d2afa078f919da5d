namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// PodTopologySpread's score for ScheduleAnyway constraints, and this project's default
/// spreading. Fewer matching pods in a node's domains scores higher: each constraint adds the
/// domain's count weighted by log(domains + 2), and the sums are normalized so the emptiest node
/// gets 100, as kube-scheduler does.
/// </summary>
public static class SpreadScores
{
    /// <summary>The pod's ScheduleAnyway constraints; nodes missing one of their keys score 0.</summary>
    public static long[] Constraints(PodFacts pod, IReadOnlyList<NodeState> feasible, SchedulingSnapshot snapshot)
    {
        var constraints = pod.SpreadConstraints.Where(c => !c.Required).ToList();
        var raw = new double[feasible.Count];
        if (constraints.Count == 0)
            return new long[feasible.Count];
        var ignored = feasible.Select(n => !constraints.All(c => n.Facts!.Labels.ContainsKey(c.TopologyKey))).ToArray();
        var perNode = SpreadCounting.MatchingPerNode(pod, constraints, snapshot);
        for (var c = 0; c < constraints.Count; c++)
        {
            var constraint = constraints[c];
            var key = constraint.TopologyKey;
            var domains = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < feasible.Count; i++)
            {
                if (!ignored[i])
                    domains[feasible[i].Facts!.Labels[key]] = 0;
            }
            var weight = Math.Log(domains.Count + 2);
            var byHostname = key == SimulationConventions.HostnameLabel;
            if (!byHostname)
            {
                foreach (var node in snapshot.Nodes)
                {
                    var facts = node.Facts!;
                    if (constraints.All(k => facts.Labels.ContainsKey(k.TopologyKey)) && SpreadCounting.Considers(constraint, pod, facts)
                        && domains.TryGetValue(facts.Labels[key], out var count))
                        domains[facts.Labels[key]] = count + perNode[c].GetValueOrDefault(node.Name);
                }
            }
            for (var i = 0; i < feasible.Count; i++)
            {
                if (ignored[i])
                    continue;
                var count = byHostname ? perNode[c].GetValueOrDefault(feasible[i].Name) : domains[feasible[i].Facts!.Labels[key]];
                raw[i] += count * weight + constraint.MaxSkew - 1;
            }
        }
        return Normalize(raw, ignored);
    }

    /// <summary>
    /// Default spreading, for pods that state no constraints: pods of the same spread group
    /// (owner) counted on the node and, per node, in its zone. Counting a zone per node keeps
    /// zones and nodes balanced together when zones have different numbers of nodes. Unlike
    /// kube-scheduler's system defaults it adds no maxSkew offset, so a node holding one of the
    /// group more than another always loses by a wide margin.
    /// </summary>
    public static long[] Default(PodFacts pod, IReadOnlyList<NodeState> feasible, SchedulingSnapshot snapshot)
    {
        if (pod.SpreadConstraints.Count > 0 || feasible.Count == 0)
            return new long[feasible.Count];
        var groupCount = snapshot.GroupCounter(pod);
        var zones = new Dictionary<string, (int Pods, int Nodes)>(StringComparer.Ordinal);
        for (var i = 0; i < feasible.Count; i++)
        {
            if (feasible[i].Facts!.Zone is { } zone)
                zones[zone] = (0, 0);
        }
        foreach (var node in snapshot.Nodes)
        {
            var facts = node.Facts!;
            if (facts.Zone is { } zone && zones.TryGetValue(zone, out var count) && NodeFilters.MatchesNodeAffinity(pod, facts))
                zones[zone] = (count.Pods + groupCount(node), count.Nodes + 1);
        }
        var hostWeight = Math.Log(feasible.Count + 2);
        var zoneWeight = Math.Log(zones.Count + 2);
        var raw = new double[feasible.Count];
        for (var i = 0; i < feasible.Count; i++)
        {
            raw[i] = groupCount(feasible[i]) * hostWeight;
            if (feasible[i].Facts!.Zone is { } zone && zones[zone] is { Nodes: > 0 } counted)
                raw[i] += (double)counted.Pods / counted.Nodes * zoneWeight;
        }
        var max = raw.Max();
        var min = raw.Min();
        return [.. raw.Select(s => max <= 0 ? ScoreWeights.MaxNodeScore : (long)Math.Round(ScoreWeights.MaxNodeScore * (max + min - s) / max))];
    }

    private static long[] Normalize(double[] raw, bool[] ignored)
    {
        var scores = raw.Select(s => (long)Math.Round(s)).ToArray();
        var min = long.MaxValue;
        var max = 0L;
        for (var i = 0; i < scores.Length; i++)
        {
            if (ignored[i])
                continue;
            min = Math.Min(min, scores[i]);
            max = Math.Max(max, scores[i]);
        }
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = ignored[i] ? 0
                : max == 0 ? ScoreWeights.MaxNodeScore
                : ScoreWeights.MaxNodeScore * (max + min - scores[i]) / max;
        }
        return scores;
    }
}
