using Kruise.Actors.Crds.Apps.Pub;

namespace Kruise.Actors.Planning.Pods;

/// <summary>
/// updateStrategy.scatterStrategy (OpenKruise's scatterSort): pods carrying a listed label
/// key=value are spread evenly through the update order instead of updating back to back, in
/// proportion to how many of all pods carry it. Terms matching more of the waiting pods are
/// applied first; the last matching pod always goes last.
/// </summary>
public static class UpdateScatter
{
    /// <param name="terms">The scatter terms.</param>
    /// <param name="ordered">Pods waiting to update, in their order so far.</param>
    /// <param name="all">Every pod of the workload (the spread to keep).</param>
    public static IReadOnlyList<ObservedPod> Sort(IList<UpdateScatterTerm> terms, IReadOnlyList<ObservedPod> ordered, IReadOnlyList<ObservedPod> all)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(all);
        if (terms.Count == 0 || ordered.Count <= 1)
            return ordered;
        var result = ordered;
        foreach (var term in Terms(terms, ordered))
            result = ByTerm(term, result, all);
        return result;
    }

    private static bool Matches(UpdateScatterTerm term, ObservedPod pod) => pod.Label(term.Key) == term.Value;

    // With several terms: the distinct ones that match a waiting pod, most matches first.
    private static IEnumerable<UpdateScatterTerm> Terms(IList<UpdateScatterTerm> terms, IReadOnlyList<ObservedPod> ordered)
    {
        if (terms.Count == 1)
            return terms;
        var counts = new List<(UpdateScatterTerm Term, int Count)>();
        foreach (var term in terms)
        {
            var count = ordered.Count(p => Matches(term, p));
            if (count > 0 && !counts.Any(c => c.Term.Key == term.Key && c.Term.Value == term.Value))
                counts.Add((term, count));
        }
        return counts.OrderByDescending(c => c.Count).Select(c => c.Term);
    }

    private static List<ObservedPod> ByTerm(UpdateScatterTerm term, IReadOnlyList<ObservedPod> ordered, IReadOnlyList<ObservedPod> all)
    {
        var matched = ordered.Where(p => Matches(term, p)).ToList();
        var unmatched = ordered.Where(p => !Matches(term, p)).ToList();
        if (matched.Count <= 1 || unmatched.Count <= 1)
            return [.. ordered];
        var totalMatched = all.Count(p => Matches(term, p));
        var totalUnmatched = all.Count - totalMatched;

        var last = matched[^1];
        matched.RemoveAt(matched.Count - 1);
        totalMatched--;

        var group = GroupByDensity(totalMatched, totalUnmatched, matched.Count, unmatched.Count);
        var result = new List<ObservedPod>(ordered.Count);
        var (m, u) = (0, 0);
        if (group.UnmatchedRemainder > 0)
        {
            u = Math.Min(group.UnmatchedRemainder, unmatched.Count);
            result.AddRange(unmatched.Take(u));
        }
        for (var i = 0; i < group.Groups; i++)
        {
            var takeMatched = Math.Min(group.MatchedSize, matched.Count - m);
            result.AddRange(matched.Skip(m).Take(takeMatched));
            m += takeMatched;
            var takeUnmatched = Math.Min(group.UnmatchedSize, unmatched.Count - u);
            result.AddRange(unmatched.Skip(u).Take(takeUnmatched));
            u += takeUnmatched;
        }
        result.AddRange(matched.Skip(m));
        result.AddRange(unmatched.Skip(u));
        result.Add(last);
        return result;
    }

    private readonly record struct Group(int Groups, int MatchedSize, int UnmatchedSize, int UnmatchedRemainder);

    private static Group NewGroup(int matched, int unmatched)
    {
        var groups = Math.Min(matched, unmatched);
        return groups <= 0
            ? new Group(0, 1, 1, 0)
            : new Group(groups, RoundHalfAway(matched, groups), RoundHalfAway(unmatched, groups), 0);
    }

    // Follow the spread of all pods when the waiting pods are denser in matches than the whole;
    // otherwise spread the waiting pods evenly among themselves.
    private static Group GroupByDensity(int totalMatched, int totalUnmatched, int updateMatched, int updateUnmatched)
    {
        var update = NewGroup(updateMatched, updateUnmatched);
        if (totalMatched <= 0 || (float)totalUnmatched / totalMatched >= (float)updateUnmatched / updateMatched)
            return update;
        var total = NewGroup(totalMatched, totalUnmatched);
        var (matchedSize, unmatchedSize) = (Math.Max(total.MatchedSize, 1), Math.Max(total.UnmatchedSize, 1));
        var groups = Math.Min(updateMatched / matchedSize, updateUnmatched / unmatchedSize);
        return new Group(groups, matchedSize, unmatchedSize, updateUnmatched - (groups * unmatchedSize));
    }

    private static int RoundHalfAway(int numerator, int denominator) =>
        (int)Math.Round((double)numerator / denominator, MidpointRounding.AwayFromZero);
}
