using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kruise.Actors.Crds.Tests;

/// <summary>
/// Evaluates the simple JSONPath subset printer columns use (.a.b, [*], [N]) the way kubectl's
/// table printer resolves them, to prove each column finds a value on a real object. A dot escaped
/// with a backslash belongs to the key (.metadata.labels.crr\.apps\.kruise\.io/node-name).
/// </summary>
public static class JsonPathLite
{
    public static IReadOnlyList<JsonNode> Select(JsonNode root, string path)
    {
        IEnumerable<JsonNode> current = [root];
        foreach (var step in Steps(path))
        {
            current = step switch
            {
                "[*]" => current.OfType<JsonArray>().SelectMany(a => a.OfType<JsonNode>()),
                ['[', .. var index, ']'] => current.OfType<JsonArray>()
                    .Select(a => int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) < a.Count ? a[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)] : null)
                    .OfType<JsonNode>(),
                _ => current.OfType<JsonObject>().Select(o => o[step]).OfType<JsonNode>(),
            };
        }
        return current.ToList();
    }

    private static IEnumerable<string> Steps(string path)
    {
        foreach (var escaped in Regex.Split(path.TrimStart('.'), @"(?<!\\)\."))
        {
            var part = escaped.Replace("\\.", ".", StringComparison.Ordinal);
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                yield return part;
                continue;
            }
            if (bracket > 0)
                yield return part[..bracket];
            yield return part[bracket..];
        }
    }
}
