namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// InterPodAffinity's score: per topology domain, the weights of the pod's preferred
/// (anti-)affinity terms its placed pods match, plus the terms of placed pods that match this
/// pod (their required affinity counting weight 1, as hardPodAffinityWeight); min-max normalized.
/// </summary>
public static class PodAffinityScore
{
    private const int HardPodAffinityWeight = 1;

    public static long[] Score(PodFacts pod, IReadOnlyList<NodeState> feasible, SchedulingSnapshot snapshot)
    {
        var scores = new long[feasible.Count];
        var preferred = pod.PreferredAffinity.Count > 0 || pod.PreferredAntiAffinity.Count > 0;
        var existing = preferred
            ? PodAffinityFilter.Candidates(pod.PreferredAffinity.Concat(pod.PreferredAntiAffinity), snapshot).Concat(snapshot.PodsWithAffinity).DistinctBy(p => p.Pod.Uid)
            : snapshot.PodsWithAffinity;
        var domains = new Dictionary<(string Key, string Value), long>();
        foreach (var (other, nodeName) in existing)
        {
            if (snapshot.Node(nodeName)?.Facts is not { } node)
                continue;
            foreach (var term in pod.PreferredAffinity)
                Add(domains, node, term, term.Matches(other, snapshot.NamespaceLabels), term.Weight);
            foreach (var term in pod.PreferredAntiAffinity)
                Add(domains, node, term, term.Matches(other, snapshot.NamespaceLabels), -term.Weight);
            foreach (var term in other.RequiredAffinity)
                Add(domains, node, term, term.Matches(pod, snapshot.NamespaceLabels), HardPodAffinityWeight);
            foreach (var term in other.PreferredAffinity)
                Add(domains, node, term, term.Matches(pod, snapshot.NamespaceLabels), term.Weight);
            foreach (var term in other.PreferredAntiAffinity)
                Add(domains, node, term, term.Matches(pod, snapshot.NamespaceLabels), -term.Weight);
        }
        if (domains.Count == 0)
            return scores;
        for (var i = 0; i < feasible.Count; i++)
        {
            foreach (var (key, value) in feasible[i].Facts!.Labels)
                scores[i] += domains.GetValueOrDefault((key, value));
        }
        var min = scores.Min();
        var max = scores.Max();
        for (var i = 0; i < scores.Length; i++)
            scores[i] = max - min > 0 ? (long)(ScoreWeights.MaxNodeScore * ((double)(scores[i] - min) / (max - min))) : 0;
        return scores;
    }

    private static void Add(Dictionary<(string, string), long> domains, NodeFacts node, AffinityTerm term, bool matches, long weight)
    {
        if (matches && weight != 0 && node.Label(term.TopologyKey) is { } value)
            domains[(term.TopologyKey, value)] = domains.GetValueOrDefault((term.TopologyKey, value)) + weight;
    }
}
