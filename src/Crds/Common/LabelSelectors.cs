using System.Collections.ObjectModel;
using k8s.Models;

namespace Kruise.Actors.Crds.Common;

/// <summary>Label selector semantics (matchLabels AND matchExpressions), shared by validation and planners.</summary>
public static class LabelSelectors
{
    public static readonly IReadOnlyList<string> Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    /// <summary>
    /// Whether the labels satisfy the selector. A null selector matches nothing and an empty one
    /// everything, as in Kubernetes' LabelSelectorAsSelector.
    /// </summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels) =>
        MatchesLabels(selector, labels is null ? null : labels as IReadOnlyDictionary<string, string> ?? new ReadOnlyDictionary<string, string>(labels));

    /// <summary><see cref="Matches"/> for labels held read-only (a planner's view of a pod).</summary>
    public static bool MatchesLabels(V1LabelSelector? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null)
            return false;
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
                return false;
        }
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            if (!Satisfies(requirement, labels))
                return false;
        }
        return true;
    }

    /// <summary>True when the selector has neither matchLabels nor matchExpressions.</summary>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);

    /// <summary>The selector in the string form `kubectl get -l` and status.labelSelector use.</summary>
    public static string Format(V1LabelSelector? selector)
    {
        if (selector is null)
            return "";
        var parts = new List<string>();
        foreach (var (key, value) in (selector.MatchLabels ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
            parts.Add($"{key}={value}");
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", (requirement.Values ?? []).Order(StringComparer.Ordinal));
            parts.Add(requirement.OperatorProperty switch
            {
                "In" => $"{requirement.Key} in ({values})",
                "NotIn" => $"{requirement.Key} notin ({values})",
                "Exists" => requirement.Key,
                "DoesNotExist" => $"!{requirement.Key}",
                _ => $"{requirement.Key} {requirement.OperatorProperty} ({values})",
            });
        }
        return string.Join(",", parts);
    }

    private static bool Satisfies(V1LabelSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
