using System.Globalization;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Planning.Pods;

/// <summary>
/// updateStrategy.priorityStrategy (OpenKruise's prioritySort), a stable re-sort on top of the
/// default order. weightPriority: the sum of the weights of matching selectors, heavier first.
/// orderPriority (only when no weights): the first listed key a pod has decides its level (an
/// earlier key first, pods with none of the keys before all of them, as OpenKruise does), then
/// the integer suffix of that label's value, larger first.
/// </summary>
public static class UpdatePriority
{
    public static IReadOnlyList<ObservedPod> Sort(UpdatePriorityStrategy strategy, IReadOnlyList<ObservedPod> ordered)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(ordered);
        if (strategy.WeightPriority is { Count: > 0 } weights)
            return ordered.OrderByDescending(p => Weight(weights, p)).ToList();
        if (strategy.OrderPriority is { Count: > 0 } orders)
            return ordered.Select(p => (Pod: p, Order: Order(orders, p))).OrderBy(x => x.Order.Level).ThenByDescending(x => x.Order.Value).Select(x => x.Pod).ToList();
        return ordered;
    }

    public static long Weight(IEnumerable<UpdatePriorityWeightTerm> terms, ObservedPod pod)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(pod);
        // An empty selector matches every pod, as a Kubernetes selector does.
        return terms.Where(t => LabelSelectors.MatchesLabels(t.MatchSelector, pod.Labels)).Sum(t => (long)t.Weight);
    }

    public static (int Level, long Value) Order(IList<UpdatePriorityOrderTerm> terms, ObservedPod pod)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(pod);
        for (var i = 0; i < terms.Count; i++)
        {
            if (pod.Labels.TryGetValue(terms[i].OrderedKey, out var value))
                return (i, IntegerSuffix(value));
        }
        return (-1, 0);
    }

    /// <summary>The trailing digits of a label value as a number ("o-10" is 10); 0 when there are none or too many.</summary>
    public static long IntegerSuffix(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var start = value.Length;
        while (start > 0 && char.IsAsciiDigit(value[start - 1]))
            start--;
        return start < value.Length && long.TryParse(value.AsSpan(start), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
    }
}
