using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

public static partial class CloneSetDecider
{
    private const string InPlaceOwnerKind = "CloneSet";

    // OpenKruise's Update, run only when Scale did nothing: choose the next pods
    // (CloneSetUpdateSelector), then per pod update it in place when the strategy allows and the
    // revision change permits, else delete it so the scale path recreates it at the update
    // revision (InPlaceOnly: leave it and report why). One Kubernetes Event per batch.
    private static void Update(DecisionBuilder decision, CloneSetView view)
    {
        if (decision.Diff is not { } diff)
            return;
        var update = view.Active.UpdateRevisionName;
        if (decision.State.BlockedUpdate is { } block && (block.Revision != update || diff.UpdateNum == 0))
            decision.Emit(new UpdateUnblocked());

        var pendingDeletes = decision.State.IntentsOf(IntentKind.DeletePod).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var pods = view.ActivePods.Where(p => !pendingDeletes.Contains(p.Name)).ToList();
        var updating = decision.State.IntentsOf(IntentKind.UpdatePodInPlace).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var pendingCreates = decision.State.IntentsOf(IntentKind.CreatePod).Select(i => i.Revision ?? update).ToList();
        var chosen = CloneSetUpdateSelector.Choose(view.Spec, diff, pods, update, updating, pendingCreates, view.Now);

        var type = view.Spec.UpdateStrategy?.Type ?? CloneSetUpdateStrategyTypes.ReCreate;
        var inPlace = new List<string>();
        var recreated = new List<string>();
        string? blocked = null;
        foreach (var pod in chosen)
        {
            if (type is CloneSetUpdateStrategyTypes.InPlaceIfPossible or CloneSetUpdateStrategyTypes.InPlaceOnly)
            {
                var plan = PlanInPlace(view, pod, update);
                if (plan.Spec is { } spec)
                {
                    if (!PassesInPlaceUpdateHook(view, pod))
                        continue;
                    decision.Emit(new PodInPlaceUpdateRequested(pod.Name, pod.Uid, update, view.Now));
                    decision.Send(InPlaceMessage(view, pod, spec));
                    inPlace.Add(pod.Name);
                    continue;
                }
                if (type == CloneSetUpdateStrategyTypes.InPlaceOnly)
                {
                    blocked ??= $"pod {pod.Name} cannot be updated in place to revision {update} (updateStrategy.type is InPlaceOnly): {plan.Reason}";
                    continue;
                }
            }
            RequestPodDelete(decision, view, pod, DeleteReasons.Update);
            recreated.Add(pod.Name);
        }

        if (inPlace.Count > 0)
        {
            decision.Send(CloneSetKubeEvents.Normal(view.Ref, view.Uid, CloneSetKubeEvents.SuccessfulUpdatePodInPlace, $"{update}:{inPlace[0]}",
                $"successfully update pods {string.Join(", ", inPlace)} in-place (revision {update})"));
        }
        if (recreated.Count > 0)
        {
            decision.Send(CloneSetKubeEvents.Normal(view.Ref, view.Uid, CloneSetKubeEvents.SuccessfulUpdatePodReCreate, $"{update}:{recreated[0]}",
                $"successfully delete pods {string.Join(", ", recreated)} to recreate them for update (revision {update})"));
        }
        if (blocked is not null && decision.State.BlockedUpdate?.Revision != update)
        {
            decision.Emit(new UpdateBlocked(update, blocked, view.Now));
            decision.Send(CloneSetKubeEvents.Warning(view.Ref, view.Uid, CloneSetKubeEvents.FailedUpdatePodInPlace, update, blocked));
        }
    }

    // Seam for lifecycle hooks (Planning/Lifecycle, owned by another change): with
    // spec.lifecycle.inPlaceUpdate set, a pod must first go through PreparingUpdate and have its
    // hook released before it is updated in place. Until that lands, no pod is held here.
    private static bool PassesInPlaceUpdateHook(CloneSetView view, ObservedPod pod) => true;

    /// <summary>Whether the pod can move to <paramref name="target"/> in place, from the templates of the revisions the view holds.</summary>
    private static InPlaceUpdatePlan PlanInPlace(CloneSetView view, ObservedPod pod, string target)
    {
        var podRevision = pod.Label(ControllerRevisionFactory.PodRevisionLabel);
        if (podRevision is null)
            return InPlaceUpdatePlan.NotPossible($"pod {pod.Name} has no {ControllerRevisionFactory.PodRevisionLabel} label");
        var from = view.TemplateOfPodRevision(podRevision);
        if (from is null)
            return InPlaceUpdatePlan.NotPossible($"revision {podRevision} of pod {pod.Name} is no longer stored");
        var to = view.TemplateOf(target);
        return to is null
            ? InPlaceUpdatePlan.NotPossible($"revision {target} is not stored")
            : InPlaceUpdatePlanner.Plan(from, to, target);
    }

    private static UpdatePodInPlace InPlaceMessage(CloneSetView view, ObservedPod pod, InPlaceUpdateSpec spec) =>
        new(view.Namespace, pod.Name, pod.Uid, spec, Math.Max(view.Spec.UpdateStrategy?.InPlaceUpdateStrategy?.GracePeriodSeconds ?? 0, 0), InPlaceOwnerKind, view.Name);

    // Done once the watch shows the pod labelled with the target revision, or the pod (that
    // incarnation) gone or going.
    private static bool InPlaceUpdateDone(Intent intent, CloneSetView view) =>
        !view.PodsByName.TryGetValue(intent.Name, out var pod)
        || !pod.IsActive
        || (intent.Uid is { Length: > 0 } uid && pod.Uid != uid)
        || CloneSetRules.IsUpdated(pod, intent.Revision ?? "");

    // The message is rebuilt from the pod as it is now; a pod that can no longer be updated in
    // place (its revision's template is gone) is given up, so the planner chooses again.
    private static void ReissueInPlaceUpdate(DecisionBuilder decision, CloneSetView view, Intent intent, bool resume)
    {
        var plan = (resume || intent.Attempts < view.Options.MaxIntentAttempts) && view.PodsByName.TryGetValue(intent.Name, out var pod)
            ? (Pod: pod, Plan: PlanInPlace(view, pod, intent.Revision ?? view.Active.UpdateRevisionName))
            : default;
        if (plan.Plan?.Spec is not { } spec)
        {
            decision.Emit(new IntentExpired(intent.Kind, intent.Name));
            return;
        }
        decision.Emit(new IntentReissued(intent.Kind, intent.Name, view.Now));
        decision.Send(InPlaceMessage(view, plan.Pod, spec));
    }
}
