using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// The one flat diff every CloneSet action reads (OpenKruise's calculateDiffsWithExpectation):
/// how many pods to create or delete, of which how many at the old revision, within which
/// unavailability limits, and how many to move between revisions (with surge). Pending create
/// intents count as unavailable pods of their revision; pods with a pending delete are left out.
/// </summary>
public sealed record CloneSetDiff
{
    /// <summary>Pods to create.</summary>
    public int ScaleUp { get; init; }

    /// <summary>Of those, pods to create at the current (old) revision to keep the partition; may exceed <see cref="ScaleUp"/>.</summary>
    public int ScaleUpOldRevision { get; init; }

    /// <summary>Pods to delete to reach replicas, not counting pods already specified for deletion.</summary>
    public int ScaleDown { get; init; }

    /// <summary>Of those, pods to delete at the old revision.</summary>
    public int ScaleDownOldRevision { get; init; }

    /// <summary>Most pods to create now: scaleStrategy.maxUnavailable minus pods already unavailable.</summary>
    public int ScaleUpLimit { get; init; }

    /// <summary>Most ready pods to delete now: updateStrategy.maxUnavailable plus surplus minus unavailable.</summary>
    public int DeleteReadyLimit { get; init; }

    /// <summary>Pods above replicas the update may use (maxSurge).</summary>
    public int UseSurge { get; init; }

    public int UseSurgeOldRevision { get; init; }

    /// <summary>Pods to move to the update revision (negative: back to the current one).</summary>
    public int UpdateNum { get; init; }

    /// <summary>Most pods that may be unavailable while updating.</summary>
    public int UpdateMaxUnavailable { get; init; }

    /// <param name="spec">The defaulted spec.</param>
    /// <param name="pods">Active pods without a pending delete.</param>
    /// <param name="pendingCreateRevisions">The revision of each pending pod create.</param>
    /// <param name="updateRevision">The update revision's name.</param>
    /// <param name="now">The decision time (availability).</param>
    public static CloneSetDiff Calculate(CloneSetSpec spec, IReadOnlyList<ObservedPod> pods, IReadOnlyList<string> pendingCreateRevisions,
        string updateRevision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(pendingCreateRevisions);
        var replicas = CloneSetRules.Replicas(spec);
        var partition = CloneSetRules.Partition(spec);
        var strategy = spec.UpdateStrategy;
        var maxSurge = strategy?.Paused == true ? 0 : Math.Max(IntOrStringValues.Scaled(strategy?.MaxSurge, replicas, roundUp: true), 0);
        var configuredMaxUnavailable = CloneSetRules.Configured(strategy?.MaxUnavailable) ?? (IntOrString)CloneSetDefaults.DefaultMaxUnavailable;
        var maxUnavailable = Math.Max(IntOrStringValues.Scaled(configuredMaxUnavailable, replicas, roundUp: maxSurge == 0), 0);
        var scaleMaxUnavailable = CloneSetRules.Configured(spec.ScaleStrategy?.MaxUnavailable) is { } scaleLimit
            ? Math.Max(IntOrStringValues.Scaled(scaleLimit, replicas, roundUp: true, fallback: int.MaxValue), 0)
            : int.MaxValue;

        var counts = new RevisionCounts();
        foreach (var pod in pods)
        {
            var side = counts.Of(CloneSetRules.IsUpdated(pod, updateRevision));
            side.Total++;
            if (CloneSetRules.IsPreparingDelete(pod))
                side.PreDeleting++;
            else if (CloneSetRules.IsSpecifiedDelete(spec, pod))
                side.ToDelete++;
            else if (!CloneSetRules.IsAvailable(spec, pod, now))
                side.Unavailable++;
        }
        foreach (var revision in pendingCreateRevisions)
        {
            var side = counts.Of(RevisionHash.Matches(revision, updateRevision));
            side.Total++;
            side.Unavailable++;
        }

        var (updated, old) = (counts.Updated, counts.Old);
        // Without the partition-rollback feature pods only ever move to the update revision.
        var updateOldDiff = Math.Max(old.Active - partition, 0);
        var updateNewDiff = Math.Min(updated.Active - (replicas - partition), 0);
        var totalUnavailable = updated.PreDeleting + old.PreDeleting + updated.Unavailable + old.Unavailable;
        var toDelete = updated.ToDelete + old.ToDelete;

        var (useSurge, useSurgeOld) = maxSurge > 0
            ? Surge(maxSurge, maxUnavailable, totalUnavailable, toDelete, updated.ToDelete, updateOldDiff, updateNewDiff)
            : (0, 0);

        var currentTotal = updated.Total + old.Total;
        var expectedTotal = replicas + useSurge;
        var expectedOld = partition + useSurgeOld;
        var diff = new CloneSetDiff { UseSurge = useSurge, UseSurgeOldRevision = useSurgeOld };

        if (expectedTotal - currentTotal is var up && up > 0)
        {
            diff = diff with
            {
                ScaleUp = up,
                ScaleUpOldRevision = Math.Max(expectedOld - old.Total, 0),
                ScaleUpLimit = Math.Min(up, Math.Max(scaleMaxUnavailable - totalUnavailable, 0)),
            };
        }
        if (currentTotal - toDelete - expectedTotal is var down && down > 0)
            diff = diff with { ScaleDown = down, ScaleDownOldRevision = Math.Max(old.Total - old.ToDelete - expectedOld, 0) };
        if (toDelete > 0 || diff.ScaleDown > 0)
            diff = diff with { DeleteReadyLimit = Math.Max(maxUnavailable + (currentTotal - replicas) - totalUnavailable, 0) };

        var updateNum = Math.Abs(updateOldDiff) <= Math.Abs(updateNewDiff) ? updateOldDiff : -updateNewDiff;
        return diff with
        {
            UpdateNum = updateNum,
            UpdateMaxUnavailable = updateNum != 0 ? maxUnavailable + currentTotal - replicas : 0,
        };
    }

    // Surge covers either the pods specified for deletion that would otherwise breach
    // maxUnavailable, or the revision imbalance of an update, whichever needs more; a
    // reconcile never scales and updates at once.
    private static (int UseSurge, int UseSurgeOld) Surge(int maxSurge, int maxUnavailable, int totalUnavailable, int toDelete, int toDeleteUpdated,
        int updateOldDiff, int updateNewDiff)
    {
        int scaleSurge = 0, scaleOldSurge = 0;
        if (toDelete > 0)
        {
            scaleSurge = Math.Min(Math.Max(totalUnavailable + toDelete - maxUnavailable, 0), toDelete);
            if (scaleSurge > toDeleteUpdated)
                scaleOldSurge = scaleSurge - toDeleteUpdated;
        }
        int updateSurge = 0, updateOldSurge = 0;
        if ((updateOldDiff > 0 && updateNewDiff < 0) || (updateOldDiff < 0 && updateNewDiff > 0))
        {
            if (Math.Abs(updateOldDiff) <= Math.Abs(updateNewDiff))
            {
                updateSurge = Math.Abs(updateOldDiff);
                if (updateOldDiff < 0)
                    updateOldSurge = updateSurge;
            }
            else
            {
                updateSurge = Math.Abs(updateNewDiff);
                if (updateNewDiff > 0)
                    updateOldSurge = updateSurge;
            }
        }
        var useSurge = Math.Min(maxSurge, scaleSurge >= updateSurge ? scaleSurge : updateSurge);
        return (useSurge, Math.Min(useSurge, scaleSurge >= updateSurge ? scaleOldSurge : updateOldSurge));
    }

    private sealed class RevisionCounts
    {
        public Side Updated { get; } = new();
        public Side Old { get; } = new();

        public Side Of(bool updated) => updated ? Updated : Old;
    }

    private sealed class Side
    {
        public int Total { get; set; }
        public int PreDeleting { get; set; }
        public int ToDelete { get; set; }
        public int Unavailable { get; set; }

        /// <summary>Pods not in the preDelete hook.</summary>
        public int Active => Total - PreDeleting;
    }
}
