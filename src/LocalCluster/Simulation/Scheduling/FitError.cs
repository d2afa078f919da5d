namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// framework.FitError's message: "0/N nodes are available: " then "count reason" entries sorted
/// as strings, then what preemption found. Preemption is not simulated (no pod is ever evicted
/// for another), so it reports what it would with pods of equal priority: no node where
/// evicting pods helps.
/// </summary>
public static class FitError
{
    public static string Message(int nodes, IReadOnlyDictionary<string, int> reasons, IReadOnlyDictionary<string, int> preemption)
    {
        var message = $"0/{nodes} nodes are available: {Histogram(reasons)}.";
        if (preemption.Count > 0)
            message += $" preemption: 0/{nodes} nodes are available: {Histogram(preemption)}.";
        return message;
    }

    private static string Histogram(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.Select(p => $"{p.Value} {p.Key}").Order(StringComparer.Ordinal));
}
