using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>The labelSelector and fieldSelector of a list or watch request, as one predicate.</summary>
public sealed class ObjectFilter
{
    private readonly Func<StoredObject, bool> _matches;

    private ObjectFilter(Func<StoredObject, bool> matches, bool isEmpty)
    {
        _matches = matches;
        IsEmpty = isEmpty;
    }

    public bool IsEmpty { get; }

    public bool Matches(StoredObject obj) => _matches(obj);

    public static ObjectFilter From(HttpRequest request, Resources.ResourceType type)
    {
        var labels = request.Query["labelSelector"].FirstOrDefault();
        var fields = request.Query["fieldSelector"].FirstOrDefault();
        if (string.IsNullOrEmpty(labels) && string.IsNullOrEmpty(fields))
            return new ObjectFilter(_ => true, true);
        var labelPairs = Pairs(labels);
        var fieldPairs = Pairs(fields);
        _ = type;
        return new ObjectFilter(o =>
            labelPairs.All(p => ((o.Labels is { } l && l.TryGetValue(p.Key, out var v) ? v : null) == p.Value) == p.Equal)
            && fieldPairs.All(p => (Json.SimpleJsonPath.Get(o.Object, p.Key)?.ToString() == p.Value) == p.Equal), false);
    }

    private static List<(string Key, string Value, bool Equal)> Pairs(string? selector) =>
        (selector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(term =>
        {
            var notEqual = term.Split("!=", 2);
            if (notEqual.Length == 2)
                return (notEqual[0].Trim(), notEqual[1].Trim(), false);
            var equal = term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            return (equal[0].Trim(), equal.ElementAtOrDefault(1)?.Trim() ?? "", true);
        }).ToList();
}
