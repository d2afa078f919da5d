using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// CloneSet status from its active pods (OpenKruise's calculateStatus): counts of ready,
/// available and updated pods, the revisions, the selector for the scale subresource, and the
/// FailedScale and Progressing conditions.
/// </summary>
public static class CloneSetStatusCalculator
{
    /// <param name="cloneSet">The defaulted CloneSet (its status is the previously written one).</param>
    /// <param name="activePods">Pods that are not terminating or finished.</param>
    /// <param name="revisions">The resolved current/update revisions and collision count.</param>
    /// <param name="failure">The last refused write, shown as FailedScale; null clears it.</param>
    /// <param name="now">Availability (minReadySeconds) and condition times.</param>
    /// <param name="blocked">An update that cannot proceed, shown as FailedUpdate while its revision is the update revision.</param>
    public static CloneSetStatus Compute(CloneSet cloneSet, IReadOnlyList<ObservedPod> activePods, ActiveRevisions revisions, ScaleFailure? failure, DateTimeOffset now,
        UpdateBlock? blocked = null)
    {
        ArgumentNullException.ThrowIfNull(cloneSet);
        ArgumentNullException.ThrowIfNull(activePods);
        ArgumentNullException.ThrowIfNull(revisions);
        var spec = cloneSet.Spec;
        var old = cloneSet.Status;
        var status = new CloneSetStatus
        {
            ObservedGeneration = cloneSet.Metadata.Generation,
            UpdateRevision = revisions.UpdateRevisionName,
            CurrentRevision = revisions.CurrentRevisionName,
            CollisionCount = revisions.CollisionCount,
            LabelSelector = LabelSelectors.Format(spec.Selector),
            UpdatedAvailableReplicas = 0,
        };
        foreach (var pod in activePods)
        {
            var ready = PodAvailability.IsReady(pod);
            var available = CloneSetRules.IsAvailable(spec, pod, now);
            var updated = RevisionHash.Matches(pod.Label(ControllerRevisionFactory.PodRevisionLabel), revisions.UpdateRevisionName);
            status.Replicas++;
            status.ReadyReplicas += ready ? 1 : 0;
            status.AvailableReplicas += available ? 1 : 0;
            status.UpdatedReplicas += updated ? 1 : 0;
            status.UpdatedReadyReplicas += updated && ready ? 1 : 0;
            status.UpdatedAvailableReplicas += updated && available ? 1 : 0;
        }
        var replicas = CloneSetRules.Replicas(spec);
        // Every pod at the update revision and the count right: the update revision is now current,
        // whether or not the pods are ready yet.
        if (status.UpdatedReplicas == status.Replicas && status.Replicas == replicas)
            status.CurrentRevision = status.UpdateRevision;
        status.ExpectedUpdatedReplicas = replicas - CloneSetRules.Partition(spec);

        var conditions = failure is null
            ? CloneSetConditions.Remove(old?.Conditions, CloneSetConditions.FailedScale)
            : CloneSetConditions.Set(old?.Conditions, CloneSetConditions.New(CloneSetConditions.FailedScale, "True", null, FailureMessage(failure), failure.At));
        conditions = blocked is not null && blocked.Revision == revisions.UpdateRevisionName
            ? CloneSetConditions.Set(conditions, CloneSetConditions.New(CloneSetConditions.FailedUpdate, "True", CloneSetConditions.InPlaceOnlyBlocked, blocked.Message, blocked.At))
            : CloneSetConditions.Remove(conditions, CloneSetConditions.FailedUpdate);
        conditions = Progressing(cloneSet, status, conditions, now);
        status.Conditions = conditions.Count == 0 ? null : conditions;
        return status;
    }

    /// <summary>Whether writing <paramref name="computed"/> would change what the API holds.</summary>
    public static bool Differs(CloneSetStatus? observed, CloneSetStatus computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        return observed is null
            || !SameExceptCounts(observed, computed)
            || observed.Replicas != computed.Replicas
            || observed.ReadyReplicas != computed.ReadyReplicas
            || observed.AvailableReplicas != computed.AvailableReplicas
            || observed.UpdatedReplicas != computed.UpdatedReplicas
            || observed.UpdatedReadyReplicas != computed.UpdatedReadyReplicas
            || (observed.UpdatedAvailableReplicas ?? 0) != (computed.UpdatedAvailableReplicas ?? 0);
    }

    /// <summary>
    /// Whether <paramref name="computed"/> differs from <paramref name="observed"/> only in pod
    /// counts that are still on their way (pods being created, deleted, updated or turning ready);
    /// such a status may wait a moment, since the next one will differ again. A change of
    /// generation, revisions, selector or conditions, or counts that have settled, may not.
    /// </summary>
    public static bool OnlyCountsProgressed(CloneSetStatus? observed, CloneSetStatus computed, int replicas)
    {
        ArgumentNullException.ThrowIfNull(computed);
        if (observed is null || !SameExceptCounts(observed, computed))
            return false;
        var settled = computed.Replicas == replicas && computed.ReadyReplicas == replicas && computed.AvailableReplicas == replicas
            && computed.UpdatedReadyReplicas == computed.UpdatedReplicas && (computed.UpdatedAvailableReplicas ?? 0) == computed.UpdatedReplicas
            && computed.UpdatedReplicas >= Math.Min(replicas, computed.ExpectedUpdatedReplicas ?? replicas);
        return !settled;
    }

    // Generation, expected count, revisions, selector and conditions: what says where the CloneSet is going, not how far it got.
    private static bool SameExceptCounts(CloneSetStatus observed, CloneSetStatus computed) =>
        observed.ObservedGeneration == computed.ObservedGeneration
        && observed.ExpectedUpdatedReplicas == computed.ExpectedUpdatedReplicas
        && observed.UpdateRevision == computed.UpdateRevision
        && observed.CurrentRevision == computed.CurrentRevision
        && (observed.CollisionCount ?? 0) == (computed.CollisionCount ?? 0)
        && observed.LabelSelector == computed.LabelSelector
        && CloneSetConditions.SameConditions(observed.Conditions, computed.Conditions);

    public static string FailureMessage(ScaleFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            IntentKind.CreatePod => $"failed to create pod {failure.Name}: {failure.Message}",
            IntentKind.DeletePod => $"failed to delete pod {failure.Name}: {failure.Message}",
            IntentKind.DeletePvc => $"failed to delete pvc {failure.Name}: {failure.Message}",
            IntentKind.CreateRevision => $"failed to create revision {failure.Name}: {failure.Message}",
            _ => $"failed to delete revision {failure.Name}: {failure.Message}",
        };
    }

    /// <summary>When the Progressing condition will pass its deadline, if it is counting towards one.</summary>
    public static DateTimeOffset? ProgressDeadline(CloneSetSpec spec, CloneSetStatus status)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(status);
        if (!CloneSetConditions.HasProgressDeadline(spec))
            return null;
        var condition = CloneSetConditions.Find(status.Conditions, CloneSetConditions.Progressing);
        return condition is { Reason: CloneSetConditions.Updated, LastUpdateTime: { } updated }
            ? new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)).AddSeconds(spec.ProgressDeadlineSeconds!.Value).AddMilliseconds(1)
            : null;
    }

    // OpenKruise's calculateProgressingStatus: available, paused, partition reached, deadline
    // exceeded, or still progressing (counting from when it started progressing).
    private static List<KruiseCondition> Progressing(CloneSet cloneSet, CloneSetStatus status, List<KruiseCondition> conditions, DateTimeOffset now)
    {
        var spec = cloneSet.Spec;
        if (!CloneSetConditions.HasProgressDeadline(spec))
            return CloneSetConditions.Remove(conditions, CloneSetConditions.Progressing);
        var replicas = CloneSetRules.Replicas(spec);
        var existing = CloneSetConditions.Find(conditions, CloneSetConditions.Progressing);
        KruiseCondition condition;
        if (status.CurrentRevision == status.UpdateRevision && status.Replicas == replicas && status.UpdatedReplicas == replicas && status.UpdatedAvailableReplicas == replicas)
            condition = CloneSetConditions.New(CloneSetConditions.Progressing, "True", CloneSetConditions.Available, "CloneSet is available", now);
        else if (spec.UpdateStrategy?.Paused == true)
            condition = CloneSetConditions.New(CloneSetConditions.Progressing, "True", CloneSetConditions.Paused, "CloneSet is paused", now);
        else if (status.ExpectedUpdatedReplicas < replicas && status.ExpectedUpdatedReplicas <= status.UpdatedAvailableReplicas)
            condition = CloneSetConditions.New(CloneSetConditions.Progressing, "True", CloneSetConditions.PartitionAvailable, "CloneSet has been paused due to partition ready", now);
        else if (existing is not null && (existing.Reason == CloneSetConditions.ProgressDeadlineExceeded
                 || (existing.LastUpdateTime is { } updated && new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)).AddSeconds(spec.ProgressDeadlineSeconds!.Value) < now)))
            condition = CloneSetConditions.New(CloneSetConditions.Progressing, "False", CloneSetConditions.ProgressDeadlineExceeded,
                $"CloneSet revision {status.UpdateRevision} has timed out progressing", now);
        else
            condition = CloneSetConditions.New(CloneSetConditions.Progressing, "True", CloneSetConditions.Updated, "CloneSet is progressing", now);
        return CloneSetConditions.Set(conditions, condition);
    }
}
