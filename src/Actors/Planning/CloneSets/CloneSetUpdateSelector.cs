using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// Which pods a CloneSet moves to its update revision next (OpenKruise's Update steps 3-5):
/// pods not at the update revision and free to change, in update order (not-ready before ready,
/// then priorityStrategy, then scatterStrategy, then pods already PreparingUpdate), at most
/// <see cref="CloneSetDiff.UpdateNum"/> of them and never so many that more pods than
/// <see cref="CloneSetDiff.UpdateMaxUnavailable"/> are unavailable. Pods being updated in place and
/// pods still to be created count as unavailable until the watch shows them available.
/// </summary>
public static class CloneSetUpdateSelector
{
    /// <param name="spec">The defaulted spec (paused, strategies, minReadySeconds).</param>
    /// <param name="diff">This pass's diff (update count and unavailability limit).</param>
    /// <param name="pods">Active pods without a pending delete.</param>
    /// <param name="updateRevision">The update revision's name.</param>
    /// <param name="updatingInPlace">Pods with a pending in-place update (moving to the update revision).</param>
    /// <param name="pendingCreateRevisions">The revision of each pod create not yet observed.</param>
    /// <param name="now">Availability (minReadySeconds).</param>
    public static IReadOnlyList<ObservedPod> Choose(CloneSetSpec spec, CloneSetDiff diff, IReadOnlyList<ObservedPod> pods, string updateRevision,
        IReadOnlySet<string> updatingInPlace, IReadOnlyList<string> pendingCreateRevisions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(updatingInPlace);
        ArgumentNullException.ThrowIfNull(pendingCreateRevisions);
        // Partition only ever moves pods forward here (the diff never asks for a negative count).
        if (spec.UpdateStrategy?.Paused == true || diff.UpdateNum <= 0)
            return [];
        var waiting = pods.Where(p => !CloneSetRules.IsUpdated(p, updateRevision) && CanUpdate(spec, p, updatingInPlace)).ToList();
        var ordered = Sort(spec.UpdateStrategy, waiting, pods, now);
        return Limit(spec, diff, ordered, pods, updateRevision, updatingInPlace, pendingCreateRevisions, now);
    }

    /// <summary>The update order of <paramref name="waiting"/>; <paramref name="all"/> is every active pod (scatter reads its spread).</summary>
    public static IReadOnlyList<ObservedPod> Sort(CloneSetUpdateStrategy? strategy, IReadOnlyList<ObservedPod> waiting, IReadOnlyList<ObservedPod> all, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(all);
        IReadOnlyList<ObservedPod> ordered = waiting.Order(Comparer<ObservedPod>.Create(DefaultOrder)).ToList();
        if (strategy?.PriorityStrategy is { } priority)
            ordered = UpdatePriority.Sort(priority, ordered);
        if (strategy?.ScatterStrategy is { Count: > 0 } scatter)
            ordered = UpdateScatter.Sort(scatter, ordered, all);
        // Pods a hook already let through (PreparingUpdate) finish before others start.
        return ordered.OrderBy(p => p.Label(LifecycleStates.Label) == LifecycleStates.PreparingUpdate ? 0 : 1).ToList();
    }

    // A pod on its way out (preDelete hook, specified for deletion) or already being updated in
    // place is not picked again.
    private static bool CanUpdate(CloneSetSpec spec, ObservedPod pod, IReadOnlySet<string> updatingInPlace) =>
        !updatingInPlace.Contains(pod.Name)
        && !CloneSetRules.IsPreparingDelete(pod)
        && !CloneSetRules.IsSpecifiedDelete(spec, pod);

    private static List<ObservedPod> Limit(CloneSetSpec spec, CloneSetDiff diff, IReadOnlyList<ObservedPod> ordered, IReadOnlyList<ObservedPod> pods,
        string updateRevision, IReadOnlySet<string> updatingInPlace, IReadOnlyList<string> pendingCreateRevisions, DateTimeOffset now)
    {
        int unavailable = 0, targetUnavailable = 0;
        foreach (var pod in pods)
        {
            var updating = updatingInPlace.Contains(pod.Name);
            if (!updating && CloneSetRules.IsAvailable(spec, pod, now))
                continue;
            unavailable++;
            if (updating || CloneSetRules.IsUpdated(pod, updateRevision))
                targetUnavailable++;
        }
        foreach (var revision in pendingCreateRevisions)
        {
            unavailable++;
            if (RevisionHash.Matches(revision, updateRevision))
                targetUnavailable++;
        }

        var chosen = new List<ObservedPod>();
        foreach (var pod in ordered.Take(diff.UpdateNum))
        {
            // Every chosen pod ends up unavailable at the target revision for a while.
            if (targetUnavailable + chosen.Count >= diff.UpdateMaxUnavailable)
                break;
            // Updating a pod that is already unavailable costs nothing more.
            if (CloneSetRules.IsAvailable(spec, pod, now))
            {
                if (unavailable >= diff.UpdateMaxUnavailable)
                    break;
                unavailable++;
            }
            chosen.Add(pod);
        }
        return chosen;
    }

    // kube's ActivePods order: unscheduled, pending, not ready, ready for less time, more
    // restarts, newer first; the name ends ties so the choice never depends on list order.
    private static int DefaultOrder(ObservedPod a, ObservedPod b)
    {
        if ((a.NodeName.Length == 0) != (b.NodeName.Length == 0))
            return a.NodeName.Length == 0 ? -1 : 1;
        var byPhase = PhaseRank(a.Phase).CompareTo(PhaseRank(b.Phase));
        if (byPhase != 0)
            return byPhase;
        if (a.Ready != b.Ready)
            return a.Ready ? 1 : -1;
        if (a.Ready && a.ReadySince != b.ReadySince)
            return Later(a.ReadySince, b.ReadySince) ? -1 : 1;
        if (a.MaxRestarts != b.MaxRestarts)
            return a.MaxRestarts > b.MaxRestarts ? -1 : 1;
        if (a.CreatedAt != b.CreatedAt)
            return Later(a.CreatedAt, b.CreatedAt) ? -1 : 1;
        return string.CompareOrdinal(a.Name, b.Name);
    }

    private static int PhaseRank(string phase) => phase switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    // An unset time counts as later than any set one.
    private static bool Later(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null || second is null ? first is null : first > second;
}
