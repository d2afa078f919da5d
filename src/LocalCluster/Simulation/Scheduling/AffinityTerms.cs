using k8s.Models;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// One pod (anti-)affinity term, its namespaces resolved against the pod that declares it:
/// neither namespaces nor namespaceSelector means the pod's own namespace, an empty
/// namespaceSelector every namespace. matchLabelKeys and mismatchLabelKeys are already folded
/// into <see cref="Selector"/>.
/// </summary>
public sealed record AffinityTerm(V1LabelSelector? Selector, IReadOnlySet<string> Namespaces, V1LabelSelector? NamespaceSelector, string TopologyKey, int Weight)
{
    public static AffinityTerm From(V1PodAffinityTerm term, string ns, IDictionary<string, string> labels, int weight = 0)
    {
        var namespaces = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
        if (namespaces.Count == 0 && term.NamespaceSelector is null)
            namespaces.Add(ns);
        var selector = term.LabelSelector;
        if (selector is not null && ((term.MatchLabelKeys?.Count ?? 0) > 0 || (term.MismatchLabelKeys?.Count ?? 0) > 0))
        {
            var expressions = new List<V1LabelSelectorRequirement>(selector.MatchExpressions ?? []);
            foreach (var key in term.MatchLabelKeys ?? [])
            {
                if (labels.TryGetValue(key, out var value))
                    expressions.Add(new V1LabelSelectorRequirement { Key = key, OperatorProperty = "In", Values = [value] });
            }
            foreach (var key in term.MismatchLabelKeys ?? [])
            {
                if (labels.TryGetValue(key, out var value))
                    expressions.Add(new V1LabelSelectorRequirement { Key = key, OperatorProperty = "NotIn", Values = [value] });
            }
            selector = new V1LabelSelector { MatchExpressions = expressions, MatchLabels = selector.MatchLabels };
        }
        return new AffinityTerm(selector, namespaces, term.NamespaceSelector, term.TopologyKey ?? "", weight);
    }

    public bool CoversNamespace(string ns, Func<string, IDictionary<string, string>?> namespaceLabels) =>
        Namespaces.Contains(ns) || (NamespaceSelector is not null && LabelSelectors.Matches(NamespaceSelector, namespaceLabels(ns)));

    public bool Matches(PodFacts pod, Func<string, IDictionary<string, string>?> namespaceLabels) =>
        CoversNamespace(pod.Namespace, namespaceLabels) && LabelSelectors.Matches(Selector, pod.Labels);
}

/// <summary>One topologySpreadConstraint, matchLabelKeys folded into the selector, defaults applied.</summary>
public sealed record SpreadConstraint(int MaxSkew, string TopologyKey, bool Required, V1LabelSelector? Selector, int MinDomains, bool HonorNodeAffinity, bool HonorNodeTaints)
{
    public static SpreadConstraint From(V1TopologySpreadConstraint constraint, IDictionary<string, string> labels)
    {
        var selector = constraint.LabelSelector;
        if (selector is not null && (constraint.MatchLabelKeys?.Count ?? 0) > 0)
        {
            var expressions = new List<V1LabelSelectorRequirement>(selector.MatchExpressions ?? []);
            foreach (var key in constraint.MatchLabelKeys ?? [])
            {
                if (labels.TryGetValue(key, out var value))
                    expressions.Add(new V1LabelSelectorRequirement { Key = key, OperatorProperty = "In", Values = [value] });
            }
            selector = new V1LabelSelector { MatchExpressions = expressions, MatchLabels = selector.MatchLabels };
        }
        return new SpreadConstraint(
            Math.Max(1, constraint.MaxSkew),
            constraint.TopologyKey ?? "",
            constraint.WhenUnsatisfiable != "ScheduleAnyway",
            selector,
            constraint.MinDomains ?? 1,
            constraint.NodeAffinityPolicy != "Ignore",
            constraint.NodeTaintsPolicy == "Honor");
    }

    public bool Selects(PodFacts pod, string ns) => pod.Namespace == ns && LabelSelectors.Matches(Selector, pod.Labels);
}
