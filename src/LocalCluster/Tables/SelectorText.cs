using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>Label maps and label selectors printed as the API server's tables print them.</summary>
internal static class SelectorText
{
    /// <summary>labels.FormatLabels: "k=v,k2=v2" sorted by key, "&lt;none&gt;" when empty.</summary>
    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "<none>" : string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>
    /// A LabelSelector as LabelSelectorAsSelector(...).String() prints it: every term sorted by
    /// key, matchLabels as "k=v". Null when the selector is unusable (an unknown operator).
    /// </summary>
    public static string? Selector(JsonNode? selectorJson)
    {
        if (selectorJson is not JsonObject)
            return "";
        var selector = KubernetesJson.Deserialize<V1LabelSelector>(selectorJson.ToJsonString());
        var terms = new List<(string Key, string Text)>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
            terms.Add((key, $"{key}={value}"));
        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            if (!LabelSelectors.Operators.Contains(requirement.OperatorProperty))
                return null;
            // One requirement at a time, so LabelSelectors' own formatting of each operator is reused.
            terms.Add((requirement.Key, LabelSelectors.Format(new V1LabelSelector { MatchExpressions = [requirement] })));
        }
        return string.Join(",", terms.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Text));
    }

    /// <summary>metav1.FormatLabelSelector: like Selector, but "&lt;none&gt;" when empty and "&lt;error&gt;" when unusable.</summary>
    public static string FormatSelector(JsonNode? selectorJson) => Selector(selectorJson) switch
    {
        null => "<error>",
        "" => "<none>",
        var text => text,
    };
}
