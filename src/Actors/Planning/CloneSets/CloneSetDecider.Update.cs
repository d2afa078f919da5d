using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Planning.Lifecycle;
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
                    if (!PassesInPlaceUpdateHook(decision, view, pod))
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

    // spec.lifecycle.inPlaceUpdate: a pod the hook is on first moves to PreparingUpdate and is
    // updated in a later pass, once the hook's handler has taken the hook off. The state move is
    // level-triggered (re-derived from the pod's labels each pass), like the other lifecycle moves.
    private static bool PassesInPlaceUpdateHook(DecisionBuilder decision, CloneSetView view, ObservedPod pod)
    {
        var step = InPlaceUpdateHook.Before(view.Spec.Lifecycle, pod, view.Now);
        if (step is { Action: InPlaceUpdateHookAction.Prepare, Patch: { } patch })
        {
            var target = ObjectRef.Pod(view.Namespace, pod.Name);
            decision.Send(new PatchObject(CommandIds.For(CommandIds.Lifecycle, target), target, PatchKind.StrategicMerge, patch));
        }
        return step.Action == InPlaceUpdateHookAction.Proceed;
    }

    // With an inPlaceUpdate hook the update itself moves the pod to Updating (in the same pod
    // patch), and AdvanceLifecycle takes it on to Updated and Normal. Without one the state label
    // stays Normal: two more writes per pod would tell nobody anything.
    private static InPlaceUpdateSpec WithLifecycleState(CloneSetView view, InPlaceUpdateSpec spec)
    {
        if (view.Spec.Lifecycle?.InPlaceUpdate is null)
            return spec;
        var labels = new Dictionary<string, string?>(spec.Labels, StringComparer.Ordinal)
        {
            [InPlaceUpdateHook.UpdatingLabel.Key] = InPlaceUpdateHook.UpdatingLabel.Value,
        };
        return spec with { Labels = labels };
    }

    /// <summary>Whether the pod can move to <paramref name="target"/> in place, from the templates of the revisions the view holds.</summary>
    private static InPlaceUpdatePlan PlanInPlace(CloneSetView view, ObservedPod pod, string target)
    {
        var podRevision = pod.Label(ControllerRevisionFactory.PodRevisionLabel);
        if (podRevision is null)
            return InPlaceUpdatePlan.NotPossible($"pod {pod.Name} has no {ControllerRevisionFactory.PodRevisionLabel} label");
        return view.InPlacePlan(podRevision, target, () =>
        {
            var from = view.TemplateOfPodRevision(podRevision);
            var to = view.TemplateOf(target);
            return from is null ? InPlaceUpdatePlan.NotPossible($"revision {podRevision} is no longer stored")
                : to is null ? InPlaceUpdatePlan.NotPossible($"revision {target} is not stored")
                : InPlaceUpdatePlanner.Plan(from, to, target);
        });
    }

    private static UpdatePodInPlace InPlaceMessage(CloneSetView view, ObservedPod pod, InPlaceUpdateSpec spec) =>
        new(view.Namespace, pod.Name, pod.Uid, WithLifecycleState(view, spec), Math.Max(view.Spec.UpdateStrategy?.InPlaceUpdateStrategy?.GracePeriodSeconds ?? 0, 0), InPlaceOwnerKind, view.Name);

    // Done once the watch shows the pod labelled with the target revision and no longer
    // InPlaceUpdateReady=False (the pod entity's last step), or the pod (that incarnation) gone or
    // going. Kept until the last step, not just the patch, so that a pod entity stalled midway (its
    // replica died and sharding did not start it again) is poked by the re-send: the message starts
    // it, it recovers its step and carries on. The pod is unavailable meanwhile in any case.
    private static bool InPlaceUpdateDone(Intent intent, CloneSetView view) =>
        !view.PodsByName.TryGetValue(intent.Name, out var pod)
        || !pod.IsActive
        || (intent.Uid is { Length: > 0 } uid && pod.Uid != uid)
        || (CloneSetRules.IsUpdated(pod, intent.Revision ?? "") && pod.InPlaceUpdateReady != false);

    // The pod entity sets InPlaceUpdateReady=False only after persisting the request (its first
    // step), so a pod showing it (this incarnation, not yet at the revision) has an entity that
    // carries the update on by itself, across restarts and shard moves.
    private static bool InPlaceAccepted(Intent intent, CloneSetView view) =>
        view.PodsByName.TryGetValue(intent.Name, out var pod)
        && (intent.Uid is not { Length: > 0 } uid || pod.Uid == uid)
        && pod.InPlaceUpdateReady == false;

    // The message is rebuilt from the pod as it is now; a pod that can no longer be updated in
    // place (its revision's template is gone) is given up, so the planner chooses again.
    private static void ReissueInPlaceUpdate(DecisionBuilder decision, CloneSetView view, Intent intent, bool resume)
    {
        var plan = (resume || intent.Attempts < view.Options.MaxInPlaceAttempts) && view.PodsByName.TryGetValue(intent.Name, out var pod)
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
