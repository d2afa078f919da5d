using Kruise.Actors.Kube;
using Kruise.Actors.Planning.Pods;

namespace Kruise.Actors.Planning.CloneSets;

public static partial class CloneSetDecider
{
    // OpenKruise's Scale: pods in PreparingDelete taken back if replicas rose, creates (and nothing
    // else while any are needed), pods the preDelete hook released, pods specified for deletion,
    // then scale-down; each step within the unavailability limits.
    // True when it acted or is waiting on its own writes, so nothing else should act this pass.
    private static bool Scale(DecisionBuilder decision, CloneSetView view)
    {
        var pendingDeletes = decision.State.IntentsOf(IntentKind.DeletePod).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var pods = WithPendingPreDeletes(decision.State, view.ActivePods.Where(p => !pendingDeletes.Contains(p.Name)));
        var pendingCreates = decision.State.IntentsOf(IntentKind.CreatePod).ToList();
        var diff = CloneSetDiff.Calculate(view.Spec, pods, pendingCreates.Select(i => i.Revision ?? view.Active.UpdateRevisionName).ToList(),
            view.Active.UpdateRevisionName, view.Now);
        decision.Diff = diff;

        if (diff.ScaleUp == 0 && pendingCreates.Count == 0 && decision.State.SlowStartBatch > 1)
            decision.Emit(new SlowStartReset());
        if (BackoffUntil(decision.State, view.Options) is { } until && until > view.Now)
        {
            decision.WakeBy(until);
            return true;
        }
        if (RevivePreparingDelete(decision, view, pods, pendingCreates.Count))
            return true;
        if (diff.ScaleUp > 0)
        {
            ScaleUp(decision, view, diff, createsInFlight: pendingCreates.Count > 0);
            return true;
        }
        return DeleteReleased(decision, view, pods) || DeleteSpecified(decision, view, pods, diff) || (diff.ScaleDown > 0 && ScaleDown(decision, view, pods, diff));
    }

    /// <summary>After a refused write, scaling waits 1s, 2s, 4s, ... (capped) before trying again.</summary>
    public static DateTimeOffset? BackoffUntil(CloneSetState state, CloneSetPlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        if (state.LastFailure is null || state.ConsecutiveFailures <= 0)
            return null;
        var factor = Math.Pow(2, Math.Min(state.ConsecutiveFailures - 1, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(options.FailureBackoff.Ticks * factor, options.MaxFailureBackoff.Ticks));
        return state.LastFailure.At + wait;
    }

    // Slow start: one batch in flight at a time, each twice the last (1, 2, 4, ...), the next
    // only once the watch shows every pod of the previous one.
    private static void ScaleUp(DecisionBuilder decision, CloneSetView view, CloneSetDiff diff, bool createsInFlight)
    {
        if (createsInFlight)
            return;
        if (diff.ScaleUp > diff.ScaleUpLimit)
        {
            decision.Send(CloneSetKubeEvents.Warning(view.Ref, view.Uid, CloneSetKubeEvents.ScaleUpLimited, $"{diff.ScaleUpLimit}",
                $"scaleUp is limited because of scaleStrategy.maxUnavailable, limit: {diff.ScaleUpLimit}"));
        }
        var count = Math.Min(diff.ScaleUpLimit, decision.State.SlowStartBatch);
        if (count <= 0)
            return;
        var ids = AllocateIds(decision.State, view, count);
        var atCurrent = Math.Min(count, diff.ScaleUpOldRevision);
        var requestedIps = AssignIpSlots(decision, view, ids.Select(id => CloneSetPods.PodName(view.Name, id.Id)).ToList());
        for (var i = 0; i < ids.Count; i++)
        {
            var revision = i < atCurrent ? view.Active.CurrentRevisionName : view.Active.UpdateRevisionName;
            var template = view.TemplateOf(revision);
            if (template is null)
            {
                revision = view.Active.UpdateRevisionName;
                template = view.Spec.Template!;
            }
            var name = CloneSetPods.PodName(view.Name, ids[i].Id);
            decision.Emit(new PodCreateRequested(name, ids[i].Id, revision, view.Now, ids[i].NextSequence, count));
            decision.Send(PodCreateCommands(view, template, revision, ids[i].Id, requestedIps.GetValueOrDefault(name)));
        }
    }

    private static IReadOnlyList<AllocatedId> AllocateIds(CloneSetState state, CloneSetView view, int count)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in view.Pods)
        {
            if (view.InstanceIdOf(pod) is { } id)
                taken.Add(id);
        }
        foreach (var intent in state.IntentsOf(IntentKind.CreatePod))
            taken.Add(intent.InstanceId ?? "");
        foreach (var name in view.Spec.ScaleStrategy?.PodsToDelete ?? [])
        {
            if (InstanceIds.FromPodName(view.Name, name) is { } id)
                taken.Add(id);
        }
        var reuse = view.Spec.ScaleStrategy?.DisablePVCReuse != true;
        var reusable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in view.AllPvcs)
        {
            if (claim.Label(Crds.Apps.CloneSet.InstanceIdLabel) is not { } id)
                continue;
            if (reuse && !claim.Deleting && state.FindIntent(IntentKind.DeletePvc, claim.Name) is null)
                reusable.Add(id);
            else
                taken.Add(id);
        }
        return InstanceIds.Allocate(count, view.Uid, state.NextIdSequence, reusable, taken);
    }

    private static bool DeleteSpecified(DecisionBuilder decision, CloneSetView view, IReadOnlyList<ObservedPod> pods, CloneSetDiff diff)
    {
        var specified = pods.Where(p => CloneSetRules.IsSpecifiedDelete(view.Spec, p) && !CloneSetRules.IsPreparingDelete(p))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var chosen = WithinReadyLimit(specified, diff.DeleteReadyLimit, view.Now);
        foreach (var pod in chosen)
            RequestPodDelete(decision, view, pod, DeleteReasons.SpecifiedDelete);
        return chosen.Count > 0;
    }

    private static bool ScaleDown(DecisionBuilder decision, CloneSetView view, IReadOnlyList<ObservedPod> pods, CloneSetDiff diff)
    {
        // Pods already marked for deletion go first; scale-down waits until they are gone.
        if (pods.Any(p => CloneSetRules.IsSpecifiedDelete(view.Spec, p) || CloneSetRules.IsPreparingDelete(p)))
            return false;
        var update = view.Active.UpdateRevisionName;
        var updated = pods.Where(p => CloneSetRules.IsUpdated(p, update)).ToList();
        var notUpdated = pods.Where(p => !CloneSetRules.IsUpdated(p, update)).ToList();
        bool Available(ObservedPod pod) => CloneSetRules.IsAvailable(view.Spec, pod, view.Now);

        IReadOnlyList<ObservedPod> chosen;
        if (diff.ScaleDownOldRevision >= diff.ScaleDown)
            chosen = DeletionOrder.Choose(notUpdated, diff.ScaleDown, Available);
        else if (diff.ScaleDownOldRevision > 0)
            chosen = [.. DeletionOrder.Choose(notUpdated, diff.ScaleDownOldRevision, Available), .. DeletionOrder.Choose(updated, diff.ScaleDown - diff.ScaleDownOldRevision, Available)];
        else
            chosen = DeletionOrder.Choose(updated, diff.ScaleDown, Available);

        var deleted = WithinReadyLimit(chosen, diff.DeleteReadyLimit, view.Now);
        foreach (var pod in deleted)
            RequestPodDelete(decision, view, pod, DeleteReasons.ScaleDown);
        return deleted.Count > 0;
    }

    // Pods that are not ready may always go; ready ones only while the budget lasts.
    private static List<ObservedPod> WithinReadyLimit(IEnumerable<ObservedPod> candidates, int deleteReadyLimit, DateTimeOffset now)
    {
        var chosen = new List<ObservedPod>();
        foreach (var pod in candidates)
        {
            if (!CloneSetRules.IsReady(pod, now))
            {
                chosen.Add(pod);
            }
            else if (deleteReadyLimit > 0)
            {
                chosen.Add(pod);
                deleteReadyLimit--;
            }
        }
        return chosen;
    }

    private static void CleanUpPvcs(DecisionBuilder decision, CloneSetView view)
    {
        if (view.Spec.ScaleStrategy?.DisablePVCReuse != true)
            return;
        var inUse = view.ActivePods.Select(view.InstanceIdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var intent in decision.State.IntentsOf(IntentKind.CreatePod))
            inUse.Add(intent.InstanceId ?? "");
        foreach (var claim in view.Pvcs)
        {
            if (claim.Label(Crds.Apps.CloneSet.InstanceIdLabel) is not { } id || inUse.Contains(id)
                || decision.State.FindIntent(IntentKind.DeletePvc, claim.Name) is not null)
                continue;
            decision.Emit(new PvcDeleteRequested(claim.Name, claim.Uid, view.Now));
            var target = ObjectRef.PersistentVolumeClaim(view.Namespace, claim.Name);
            decision.Send(new DeleteObject(CommandIds.For(CommandIds.Delete, target), target, claim.Uid));
        }
    }
}
