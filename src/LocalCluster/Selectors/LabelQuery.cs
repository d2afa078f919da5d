using System.Globalization;
using k8s.Models;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c> query parameter. Equality and set terms become a V1LabelSelector
/// so matching shares LabelSelectors' semantics with the controllers; only the numeric gt/lt
/// terms, which V1LabelSelector cannot express, are checked here.
/// </summary>
public sealed class LabelQuery
{
    private readonly V1LabelSelector _selector;
    private readonly List<LabelRequirement> _numeric;

    private LabelQuery(List<LabelRequirement> requirements)
    {
        Requirements = requirements;
        _numeric = [.. requirements.Where(r => r.Operator is "gt" or "lt")];
        _selector = new V1LabelSelector
        {
            MatchExpressions = [.. requirements.Where(r => r.Operator is not ("gt" or "lt")).Select(ToExpression)],
        };
    }

    /// <summary>Matches every object (no or empty selector).</summary>
    public static LabelQuery Everything { get; } = new([]);

    /// <summary>The terms, sorted by key as the API server sorts them.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Parses a label selector query; null or blank matches everything. Bad syntax, keys or values: 400.</summary>
    public static LabelQuery Parse(string? selector) =>
        string.IsNullOrWhiteSpace(selector) ? Everything : new LabelQuery(LabelQueryParser.Parse(selector));

    public bool Matches(IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        return LabelSelectors.Matches(_selector, labels) && _numeric.All(r => MatchesNumber(r, labels));
    }

    /// <summary>The canonical form (terms sorted by key), as the API server prints a parsed selector.</summary>
    public override string ToString() => string.Join(",", Requirements);

    private static V1LabelSelectorRequirement ToExpression(LabelRequirement requirement) => new()
    {
        Key = requirement.Key,
        OperatorProperty = requirement.Operator switch
        {
            "=" or "==" or "in" => "In",
            "!=" or "notin" => "NotIn",
            "exists" => "Exists",
            "!" => "DoesNotExist",
            var other => throw new InvalidOperationException("no V1LabelSelector operator for " + other),
        },
        Values = requirement.Operator is "exists" or "!" ? null : [.. requirement.Values],
    };

    // Like apimachinery: the label must exist and hold an integer; otherwise the term fails.
    private static bool MatchesNumber(LabelRequirement requirement, IDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(requirement.Key, out var text)
            || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual))
            return false;
        var bound = long.Parse(requirement.Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return requirement.Operator == "gt" ? actual > bound : actual < bound;
    }
}
