using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.Common;
using Kruise.Actors.Planning.Lifecycle;
using Kruise.Actors.Planning.Pods;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// spec.lifecycle on the scale path (OpenKruise's managePreparingDelete, deletePods and
/// refreshPodState). Two kinds of pod writes, chosen by what a lost or repeated write would do:
/// <list type="bullet">
/// <item>Moving a pod to PreparingDelete is an intent (<see cref="IntentKind.PreparePodDelete"/>,
/// persisted before the patch): until the watch shows the label, the diff must already count the
/// pod as pre-deleting, or the next pass (on an observation without the label yet, or after a
/// crash) would pick another pod and scale down too far.</item>
/// <item>Every other state move (PreparingNormal -> Normal, the in-place update's Updated ->
/// Normal, a PreparingDelete pod revived by a scale-up) and the KruisePodReady condition are
/// level-triggered: derived again from each observation, the same patch for the same pod, and no
/// other decision counts on them before the watch shows them, so a lost one is simply sent again.</item>
/// </list>
/// </summary>
public static partial class CloneSetDecider
{
    /// <summary>The pods as they will be once pending PreparingDelete patches land: the diff and every choice count them so at once.</summary>
    private static List<ObservedPod> WithPendingPreDeletes(CloneSetState state, IEnumerable<ObservedPod> pods) =>
        pods.Select(p => state.FindIntent(IntentKind.PreparePodDelete, p.Name) is { } intent && (intent.Uid is null or "" || intent.Uid == p.Uid)
                ? p with { Labels = p.Labels.SetItem(LifecycleStates.Label, LifecycleStates.PreparingDelete) }
                : p)
            .ToList();

    /// <summary>
    /// A pod about to be deleted that the preDelete hook is on is labelled PreparingDelete instead
    /// and waits for the hook's handler; true when the hook holds it (newly or still).
    /// </summary>
    private static bool HoldForPreDelete(DecisionBuilder decision, CloneSetView view, ObservedPod pod, string reason)
    {
        if (!PodLifecycle.HoldsDeletion(view.Spec.Lifecycle, pod))
            return false;
        if (CloneSetRules.IsPreparingDelete(pod) || decision.State.FindIntent(IntentKind.PreparePodDelete, pod.Name) is not null)
            return true;
        decision.Emit(new PodPreDeleteRequested(pod.Name, pod.Uid, reason, view.Now));
        decision.Send(PreDeletePatch(view, pod.Name));
        // Sent with the intent, so once per pod and state, never per reconcile.
        decision.Send(CloneSetKubeEvents.Normal(view.Ref, view.Uid, CloneSetKubeEvents.PreparingDelete, pod.Name,
            $"pod {pod.Name} is PreparingDelete: waiting for its preDelete hook to release it"));
        return true;
    }

    private static bool PreDeleteDone(CloneSetView view, Intent intent) =>
        !view.PodsByName.TryGetValue(intent.Name, out var pod) || pod.Deleting || (intent.Uid is not (null or "") && pod.Uid != intent.Uid)
        || CloneSetRules.IsPreparingDelete(pod);

    private static List<KubeCommand>? PreDeleteCommands(CloneSetView view, Intent intent) =>
        PreDeleteDone(view, intent) ? null : [PreDeletePatch(view, intent.Name)];

    private static PatchObject PreDeletePatch(CloneSetView view, string podName)
    {
        var target = ObjectRef.Pod(view.Namespace, podName);
        return new PatchObject(CommandIds.For(CommandIds.PreDelete, target), target, PatchKind.StrategicMerge,
            LifecyclePatches.MoveTo(LifecycleStates.PreparingDelete, view.Now));
    }

    /// <summary>
    /// Replicas went back up while pods wait in PreparingDelete: as many as the new replicas
    /// need are taken back (PreparingNormal) instead of creating new ones. Pods specified for
    /// deletion stay marked, and with markPodNotReady nothing is taken back (OpenKruise: the
    /// not-ready mark of an interrupted update could be lost).
    /// </summary>
    private static bool RevivePreparingDelete(DecisionBuilder decision, CloneSetView view, List<ObservedPod> pods, int pendingCreates)
    {
        if (PodLifecycle.MarksPodNotReady(view.Spec.Lifecycle))
            return false;
        var planned = pods.Count(p => CloneSetRules.IsSpecifiedDelete(view.Spec, p) || CloneSetRules.IsPreparingDelete(p));
        var room = CloneSetRules.Replicas(view.Spec) - pods.Count - pendingCreates + planned;
        // A pod whose PreparingDelete patch is still in flight is revived once the watch shows it, so the two patches cannot cross.
        var candidates = pods.Where(p => CloneSetRules.IsPreparingDelete(p) && !CloneSetRules.IsSpecifiedDelete(view.Spec, p)
                && decision.State.FindIntent(IntentKind.PreparePodDelete, p.Name) is null)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Take(Math.Max(room, 0))
            .ToList();
        foreach (var pod in candidates)
            decision.Send(StatePatch(view, pod.Name, LifecycleStates.PreparingNormal));
        return candidates.Count > 0;
    }

    /// <summary>
    /// A pod in PreparingDelete is deleted once its handler took the preDelete hook off (or the
    /// spec dropped the hook); not bound by deleteReadyLimit, since such a pod already counts as unavailable.
    /// </summary>
    private static bool DeleteReleased(DecisionBuilder decision, CloneSetView view, List<ObservedPod> pods)
    {
        var released = pods.Where(p => CloneSetRules.IsPreparingDelete(p) && !PodLifecycle.HoldsDeletion(view.Spec.Lifecycle, p))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var pod in released)
            RequestPodDelete(decision, view, pod, DeleteReasons.PreDeleteReleased);
        return released.Count > 0;
    }

    /// <summary>Each pod's state moves on when its hook lets it (<see cref="PodLifecycle.NextState"/>), and its KruisePodReady condition follows its state.</summary>
    private static void AdvanceLifecycle(DecisionBuilder decision, CloneSetView view)
    {
        var lifecycle = view.Spec.Lifecycle;
        var update = view.Active.UpdateRevisionName;
        foreach (var pod in view.ActivePods)
        {
            if (decision.State.FindIntent(IntentKind.DeletePod, pod.Name) is not null || decision.State.FindIntent(IntentKind.PreparePodDelete, pod.Name) is not null)
                continue;
            if (PodLifecycle.NextState(lifecycle, pod, CloneSetRules.IsUpdated(pod, update), inPlaceUpdateDone: pod.InPlaceUpdateReady != false) is { } next)
                decision.Send(StatePatch(view, pod.Name, next));
            if (LifecycleReadiness.Patch(lifecycle, pod, view.Now) is { } status)
            {
                var target = ObjectRef.Pod(view.Namespace, pod.Name);
                decision.Send(new PatchObject(CommandIds.For(CommandIds.LifecycleReadiness, target), target, PatchKind.StrategicMerge, status, "status"));
            }
        }
    }

    private static PatchObject StatePatch(CloneSetView view, string podName, string state)
    {
        var target = ObjectRef.Pod(view.Namespace, podName);
        return new PatchObject(CommandIds.For(CommandIds.Lifecycle, target), target, PatchKind.StrategicMerge, LifecyclePatches.MoveTo(state, view.Now));
    }
}
