using System.Text;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c> query parameter: terms <c>field=value</c>, <c>field==value</c>,
/// <c>field!=value</c> joined by commas (AND), with <c>\,</c> <c>\=</c> <c>\\</c> escapes in values,
/// parsed like apimachinery's fields.ParseSelector and checked against the kind's field labels.
/// </summary>
public sealed class FieldQuery
{
    private static readonly string[] Operators = ["!=", "==", "="];

    private FieldQuery(List<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldQuery Everything { get; } = new([]);

    /// <summary>The terms (labels canonical, aliases resolved), sorted as the API server sorts them.</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>The field labels a built-in kind accepts (metadata.name/namespace for kinds without a table).</summary>
    public static FieldLabelSet SupportedFields(string group, string kind) => Selectors.SupportedFields.For(group, kind);

    /// <summary>The field labels a custom resource accepts: metadata ones plus the CRD version's selectableFields jsonPaths.</summary>
    public static FieldLabelSet CustomResourceFields(bool namespaced, IEnumerable<string>? selectableJsonPaths = null) =>
        Selectors.SupportedFields.ForCustomResource(namespaced, selectableJsonPaths);

    /// <summary>
    /// Parses a field selector; null or empty matches everything. Bad syntax or a label outside
    /// supportedFields is a 400 (the message comes from the set when it is a FieldLabelSet).
    /// </summary>
    public static FieldQuery Parse(string? selector, IReadOnlySet<string> supportedFields)
    {
        if (string.IsNullOrEmpty(selector))
            return Everything;
        var terms = SplitTerms(selector).Where(t => t.Length > 0).Order(StringComparer.Ordinal).ToList();
        var parsed = new List<(string Label, string Operator, string Value)>();
        foreach (var term in terms)
        {
            var (label, op, raw) = SplitTerm(term)
                ?? throw ApiException.BadRequest($"invalid selector: '{selector}'; can't understand '{term}'");
            parsed.Add((label, op, Unescape(raw)));
        }
        var labels = supportedFields as FieldLabelSet;
        var requirements = new List<FieldRequirement>();
        foreach (var (label, op, value) in parsed)
        {
            var canonical = labels?.Aliases.TryGetValue(label, out var target) == true ? target : label;
            if (!supportedFields.Contains(label) && canonical == label)
                throw ApiException.BadRequest(labels is null ? FieldLabelSet.NotSupported(label) : labels.Reject(label));
            requirements.Add(new(canonical, op == "!=", value));
        }
        return new FieldQuery(requirements);
    }

    public bool Matches(JsonObject obj) =>
        Requirements.All(r => (FieldValues.Get(obj, r.Label) == r.Value) != r.NotEquals);

    public override string ToString() =>
        string.Join(",", Requirements.Select(r => $"{r.Label}{(r.NotEquals ? "!=" : "=")}{Escape(r.Value)}"));

    // Commas split terms unless escaped with a backslash.
    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < selector.Length; i++)
        {
            if (escaped)
                escaped = false;
            else if (selector[i] == '\\')
                escaped = true;
            else if (selector[i] == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }
        terms.Add(selector[start..]);
        return terms;
    }

    // The first position where an operator starts splits the term; "!=" and "==" beat "=" there.
    private static (string, string, string)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(term, i, op, 0, op.Length) == 0)
                    return (term[..i], op, term[(i + op.Length)..]);
            }
        }
        return null;
    }

    private static string Unescape(string value)
    {
        if (value.IndexOfAny(['\\', ',', '=']) < 0)
            return value;
        var text = new StringBuilder(value.Length);
        var escaped = false;
        foreach (var c in value)
        {
            if (escaped)
            {
                if (c is not ('\\' or ',' or '='))
                    throw ApiException.BadRequest($"invalid field selector: invalid escape sequence: \\{c}");
                text.Append(c);
                escaped = false;
            }
            else if (c == '\\')
                escaped = true;
            else if (c is ',' or '=')
                throw ApiException.BadRequest($"invalid field selector: unescaped character in value: {c}");
            else
                text.Append(c);
        }
        return escaped ? throw ApiException.BadRequest("invalid field selector: invalid escape sequence: \\") : text.ToString();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}

/// <summary>One field selector term; NotEquals for <c>!=</c>, otherwise equality.</summary>
public sealed record FieldRequirement(string Label, bool NotEquals, string Value);
