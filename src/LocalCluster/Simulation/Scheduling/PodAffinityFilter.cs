namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// InterPodAffinity's filter. Counted once per decision over the placed pods (those of the
/// namespaces the pod's terms name, and those declaring affinity of their own), then checked per
/// node by its topology labels.
/// </summary>
public sealed class PodAffinityFilter
{
    private readonly PodFacts _pod;
    private readonly Func<string, IDictionary<string, string>?> _namespaceLabels;
    private readonly HashSet<(string Key, string Value)> _existingAntiAffinity = [];
    private readonly Dictionary<(string Key, string Value), int> _affinity = [];
    private readonly HashSet<(string Key, string Value)> _antiAffinity = [];

    private PodAffinityFilter(PodFacts pod, Func<string, IDictionary<string, string>?> namespaceLabels)
    {
        _pod = pod;
        _namespaceLabels = namespaceLabels;
    }

    /// <summary>Null when neither the pod nor any placed pod has a required term that could apply.</summary>
    public static PodAffinityFilter? Prepare(PodFacts pod, SchedulingSnapshot snapshot)
    {
        var filter = new PodAffinityFilter(pod, snapshot.NamespaceLabels);
        var any = false;
        foreach (var (existing, nodeName) in snapshot.PodsWithAffinity)
        {
            if (existing.RequiredAntiAffinity.Count == 0 || snapshot.Node(nodeName) is not { } node)
                continue;
            any = true;
            foreach (var term in existing.RequiredAntiAffinity)
            {
                if (node.Facts!.Label(term.TopologyKey) is { } value && term.Matches(pod, snapshot.NamespaceLabels))
                    filter._existingAntiAffinity.Add((term.TopologyKey, value));
            }
        }
        if (pod.RequiredAffinity.Count > 0 || pod.RequiredAntiAffinity.Count > 0)
        {
            any = true;
            foreach (var (existing, nodeName) in Candidates(pod.RequiredAffinity.Concat(pod.RequiredAntiAffinity), snapshot))
            {
                if (snapshot.Node(nodeName)?.Facts is not { } node)
                    continue;
                if (pod.RequiredAffinity.Count > 0 && pod.RequiredAffinity.All(t => t.Matches(existing, snapshot.NamespaceLabels)))
                {
                    foreach (var term in pod.RequiredAffinity)
                    {
                        if (node.Label(term.TopologyKey) is { } value)
                            filter._affinity[(term.TopologyKey, value)] = filter._affinity.GetValueOrDefault((term.TopologyKey, value)) + 1;
                    }
                }
                foreach (var term in pod.RequiredAntiAffinity)
                {
                    if (node.Label(term.TopologyKey) is { } value && term.Matches(existing, snapshot.NamespaceLabels))
                        filter._antiAffinity.Add((term.TopologyKey, value));
                }
            }
        }
        return any ? filter : null;
    }

    /// <summary>Placed pods the terms could select: those of the namespaces they name, or all when a namespaceSelector is used.</summary>
    internal static IEnumerable<(PodFacts Pod, string Node)> Candidates(IEnumerable<AffinityTerm> terms, SchedulingSnapshot snapshot)
    {
        var list = terms.ToList();
        if (list.Any(t => t.NamespaceSelector is not null))
            return snapshot.AllPlaced;
        return list.SelectMany(t => t.Namespaces).Distinct(StringComparer.Ordinal).SelectMany(snapshot.PodsIn);
    }

    /// <summary>The pod's affinity, then its anti-affinity, then the placed pods' anti-affinity, as kube-scheduler checks them.</summary>
    public FilterFailure? Check(NodeState node)
    {
        var facts = node.Facts!;
        if (_pod.RequiredAffinity.Count > 0)
        {
            var podsExist = true;
            foreach (var term in _pod.RequiredAffinity)
            {
                if (facts.Label(term.TopologyKey) is not { } value)
                    return FilterFailure.Unresolvable(FilterReasons.Affinity);
                if (_affinity.GetValueOrDefault((term.TopologyKey, value)) <= 0)
                    podsExist = false;
            }
            // The first pod of a group with affinity to itself may go anywhere its terms' labels exist.
            if (!podsExist && !(_affinity.Count == 0 && _pod.RequiredAffinity.All(t => t.Matches(_pod, _namespaceLabels))))
                return FilterFailure.Unresolvable(FilterReasons.Affinity);
        }
        foreach (var term in _pod.RequiredAntiAffinity)
        {
            if (facts.Label(term.TopologyKey) is { } value && _antiAffinity.Contains((term.TopologyKey, value)))
                return FilterFailure.Preemptible(FilterReasons.AntiAffinity);
        }
        foreach (var (key, value) in facts.Labels)
        {
            if (_existingAntiAffinity.Contains((key, value)))
                return FilterFailure.Preemptible(FilterReasons.ExistingAntiAffinity);
        }
        return null;
    }
}
