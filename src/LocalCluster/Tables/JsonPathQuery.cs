using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>[N]</c> (negative from the end),
/// <c>[*]</c> and <c>.*</c>, and <c>['key.with.dots']</c> or <c>.key\.with\.dots</c>, optionally wrapped in <c>{}</c> or
/// started with <c>$</c>. Missing keys yield no results, as with AllowMissingKeys.
/// </summary>
public sealed class JsonPathQuery
{
    private abstract record Step;
    private sealed record Field(string Name) : Step;
    private sealed record Index(int Position) : Step;
    private sealed record Wildcard : Step;

    private readonly List<Step> _steps;

    private JsonPathQuery(List<Step> steps) => _steps = steps;

    /// <summary>The compiled path, or null when it is outside the supported subset.</summary>
    public static JsonPathQuery? TryParse(string path)
    {
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
            text = text[1..^1].Trim();
        if (text.StartsWith('$'))
            text = text[1..];
        var steps = new List<Step>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                // A backslash escapes the next character, so `.labels.app\.kubernetes\.io/name` is one key (as client-go's jsonpath reads it).
                while (i < text.Length && text[i] is not ('.' or '['))
                    i += text[i] == '\\' ? 2 : 1;
                i = Math.Min(i, text.Length);
                var name = text[start..i].Replace("\\", "", StringComparison.Ordinal);
                if (name.Length == 0)
                    return null;
                steps.Add(name == "*" ? new Wildcard() : new Field(name));
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0 || ParseBracket(text[(i + 1)..close]) is not { } step)
                    return null;
                steps.Add(step);
                i = close + 1;
            }
            else
                return null;
        }
        return new JsonPathQuery(steps);
    }

    /// <summary>Every match in document order; a JSON null is a match whose value is null.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        List<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                switch (step, node)
                {
                    case (Field f, JsonObject o) when o.TryGetPropertyValue(f.Name, out var child):
                        next.Add(child);
                        break;
                    case (Index x, JsonArray a) when (x.Position < 0 ? a.Count + x.Position : x.Position) is var at && at >= 0 && at < a.Count:
                        next.Add(a[at]);
                        break;
                    case (Wildcard, JsonArray a):
                        next.AddRange(a);
                        break;
                    case (Wildcard, JsonObject o):
                        next.AddRange(o.Select(p => p.Value));
                        break;
                }
            }
            current = next;
        }
        return current;
    }

    private static Step? ParseBracket(string inner)
    {
        inner = inner.Trim();
        if (inner == "*")
            return new Wildcard();
        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
            return new Field(Unquote(inner[1..^1]));
        return int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position) ? new Index(position) : null;
    }

    private static string Unquote(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
            result.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
        return result.ToString();
    }
}
