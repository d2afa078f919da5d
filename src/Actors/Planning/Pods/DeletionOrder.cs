using System.Globalization;

namespace Kruise.Actors.Planning.Pods;

/// <summary>
/// Which pods go first when a workload removes some (kube's ActivePods ranking as OpenKruise
/// extends it): unscheduled, then pending, then unavailable, then not ready; lower
/// pod-deletion-cost; more siblings on the same node; ready for less time; more restarts;
/// newer. Ties end on the name so the choice never depends on list order.
/// </summary>
public static class DeletionOrder
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    public static IReadOnlyList<ObservedPod> Sort(IEnumerable<ObservedPod> pods, Func<ObservedPod, bool> isAvailable)
    {
        ArgumentNullException.ThrowIfNull(isAvailable);
        var list = pods.ToList();
        var sameNodeRank = SameNodeRanks(list);
        return list.OrderBy(p => p, Comparer<ObservedPod>.Create((a, b) => Compare(a, b, isAvailable, sameNodeRank))).ToList();
    }

    /// <summary>The first <paramref name="count"/> pods in deletion order.</summary>
    public static IReadOnlyList<ObservedPod> Choose(IReadOnlyList<ObservedPod> pods, int count, Func<ObservedPod, bool> isAvailable) =>
        count <= 0 ? [] : count >= pods.Count ? pods : Sort(pods, isAvailable).Take(count).ToList();

    private static int Compare(ObservedPod a, ObservedPod b, Func<ObservedPod, bool> isAvailable, IReadOnlyDictionary<string, int> sameNodeRank)
    {
        if (a.NodeName != b.NodeName && (a.NodeName.Length == 0 || b.NodeName.Length == 0))
            return a.NodeName.Length == 0 ? -1 : 1;
        var byPhase = PhaseOrdinal(a.Phase).CompareTo(PhaseOrdinal(b.Phase));
        if (byPhase != 0)
            return byPhase;
        var (availableA, availableB) = (isAvailable(a), isAvailable(b));
        if (availableA != availableB)
            return availableA ? 1 : -1;
        if (a.Ready != b.Ready)
            return a.Ready ? 1 : -1;
        var byCost = DeletionCost(a).CompareTo(DeletionCost(b));
        if (byCost != 0)
            return byCost;
        var byRank = sameNodeRank.GetValueOrDefault(a.Name).CompareTo(sameNodeRank.GetValueOrDefault(b.Name));
        if (byRank != 0)
            return -byRank;
        if (a.Ready && b.Ready && a.ReadySince != b.ReadySince)
            return AfterOrUnset(a.ReadySince, b.ReadySince) ? -1 : 1;
        if (a.MaxRestarts != b.MaxRestarts)
            return a.MaxRestarts > b.MaxRestarts ? -1 : 1;
        if (a.CreatedAt != b.CreatedAt)
            return AfterOrUnset(a.CreatedAt, b.CreatedAt) ? -1 : 1;
        return string.CompareOrdinal(a.Name, b.Name);
    }

    // Pending < Unknown < Running; other phases rank with Pending, as in kube.
    private static int PhaseOrdinal(string phase) => phase switch
    {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    // An unset time counts as later than any set one.
    private static bool AfterOrUnset(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null || second is null ? first is null : first > second;

    private static int DeletionCost(ObservedPod pod)
    {
        if (!pod.Annotations.TryGetValue(DeletionCostAnnotation, out var text) || text.Length == 0)
            return 0;
        // kube rejects "+1" and leading zeros; such values count as 0.
        var validStart = text[0] == '-' || text == "0" || (text[0] >= '1' && text[0] <= '9');
        return validStart && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0;
    }

    // On a node with several of these pods, all but the one that would be kept get a rank; the
    // first to delete gets the highest, so crowded nodes are thinned first.
    private static Dictionary<string, int> SameNodeRanks(IReadOnlyList<ObservedPod> pods)
    {
        var ranks = new Dictionary<string, int>();
        var none = new Dictionary<string, int>();
        foreach (var group in pods.Where(p => p.NodeName.Length > 0).GroupBy(p => p.NodeName))
        {
            var onNode = group.ToList();
            if (onNode.Count <= 1)
                continue;
            onNode.Sort((a, b) => Compare(a, b, _ => false, none));
            for (var i = 0; i < onNode.Count - 1; i++)
                ranks[onNode[i].Name] = onNode.Count - 1 - i;
        }
        return ranks;
    }
}
