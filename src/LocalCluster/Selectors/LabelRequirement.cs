namespace Kruise.Actors.LocalCluster.Selectors;

/// <summary>
/// One term of a label selector query string. Operator is apimachinery's selection operator:
/// "=", "==", "!=", "in", "notin", "exists", "!" (does not exist), "gt", "lt".
/// </summary>
public sealed record LabelRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    /// <summary>The term as the API server prints it (values of in/notin sorted).</summary>
    public override string ToString() => Operator switch
    {
        "exists" => Key,
        "!" => "!" + Key,
        "in" or "notin" => $"{Key} {Operator} ({string.Join(",", Values.Order(StringComparer.Ordinal))})",
        "gt" => $"{Key}>{Values[0]}",
        "lt" => $"{Key}<{Values[0]}",
        _ => $"{Key}{Operator}{Values[0]}",
    };
}
