using System.Globalization;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>Node selector terms (required and preferred node affinity) matched against a node.</summary>
public static class NodeSelectorMatching
{
    /// <summary>Terms are ORed; an absent selector puts no constraint.</summary>
    public static bool Matches(V1NodeSelector? selector, NodeFacts node)
    {
        if (selector is null)
            return true;
        foreach (var term in selector.NodeSelectorTerms ?? [])
        {
            if (Matches(term, node))
                return true;
        }
        return false;
    }

    /// <summary>Expressions and fields are ANDed; an empty term matches no node.</summary>
    public static bool Matches(V1NodeSelectorTerm? term, NodeFacts node)
    {
        var expressions = term?.MatchExpressions ?? [];
        var fields = term?.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
            return false;
        foreach (var requirement in expressions)
        {
            var present = node.Labels.TryGetValue(requirement.Key, out var value);
            if (!Satisfies(requirement, present, value))
                return false;
        }
        foreach (var requirement in fields)
        {
            // metadata.name is the one field node affinity may select on (In/NotIn only).
            if (requirement.Key != "metadata.name" || requirement.OperatorProperty is not ("In" or "NotIn")
                || !Satisfies(requirement, true, node.Name))
                return false;
        }
        return true;
    }

    /// <summary>nodeSelector: every key with exactly this value.</summary>
    public static bool MatchesNodeSelector(IDictionary<string, string> nodeSelector, NodeFacts node)
    {
        if (nodeSelector.Count == 0)
            return true;
        foreach (var (key, value) in nodeSelector)
        {
            if (!node.Labels.TryGetValue(key, out var actual) || actual != value)
                return false;
        }
        return true;
    }

    private static bool Satisfies(V1NodeSelectorRequirement requirement, bool present, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            "Gt" => present && Compare(value!, values) is > 0,
            "Lt" => present && Compare(value!, values) is < 0,
            _ => false,
        };
    }

    // Gt/Lt compare integers: one value, and a label that parses; anything else never matches.
    private static int? Compare(string label, IList<string> values) =>
        values.Count == 1
        && long.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
        && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
            ? actual.CompareTo(bound)
            : null;
}
