using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Pods;
using LifecycleSpec = Kruise.Actors.Crds.Apps.Pub.Lifecycle;

namespace Kruise.Actors.Planning.Lifecycle;

/// <summary>What the update step does with a pod it chose to update in place, as far as the inPlaceUpdate hook decides.</summary>
public enum InPlaceUpdateHookAction
{
    /// <summary>Update now; the update's label patch also sets the state Updating (<see cref="InPlaceUpdateHook.UpdatingLabel"/>).</summary>
    Proceed,

    /// <summary>Send <see cref="InPlaceUpdateHookStep.Patch"/> (moves the pod to PreparingUpdate) and update it in a later pass.</summary>
    Prepare,

    /// <summary>The hook still holds the pod (or its state is still moving): leave it this pass.</summary>
    Wait,

    /// <summary>The pod's state forbids an update (PreparingDelete: it is about to go).</summary>
    Refuse,
}

/// <param name="Action">What to do.</param>
/// <param name="Patch">For <see cref="InPlaceUpdateHookAction.Prepare"/>: the pod metadata strategic merge patch.</param>
public sealed record InPlaceUpdateHookStep(InPlaceUpdateHookAction Action, string? Patch = null);

/// <summary>
/// The inPlaceUpdate hook around an in-place update (OpenKruise's CloneSet updatePod): before it,
/// a pod the hook is on moves to PreparingUpdate and waits until the handler takes the hook off
/// (e.g. after draining traffic); the update then sets Updating; afterwards
/// <see cref="PodLifecycle.NextState"/> moves it to Updated until the handler puts the hook back,
/// then Normal. Workload-agnostic: the caller gives the pod as observed.
/// </summary>
public static class InPlaceUpdateHook
{
    /// <summary>The label the in-place update patch must carry with the new images and revision.</summary>
    public static KeyValuePair<string, string> UpdatingLabel { get; } = new(LifecycleStates.Label, LifecycleStates.Updating);

    /// <summary>Whether a pod chosen for an in-place update may be updated now.</summary>
    public static InPlaceUpdateHookStep Before(LifecycleSpec? lifecycle, ObservedPod pod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var hook = lifecycle?.InPlaceUpdate;
        switch (PodLifecycle.StateOf(pod))
        {
            case "" or LifecycleStates.PreparingNormal or LifecycleStates.Normal:
                return PodLifecycle.IsHooked(hook, pod)
                    ? new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Prepare, LifecyclePatches.MoveTo(LifecycleStates.PreparingUpdate, now))
                    : new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Proceed);
            case LifecycleStates.Updated:
                // Updated again before the handler re-admitted it: hook it again and start over.
                // Without a hook, NextState moves it to Normal first.
                return hook is null
                    ? new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Wait)
                    : new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Prepare, LifecyclePatches.MoveToHooked(LifecycleStates.PreparingUpdate, hook, now));
            case LifecycleStates.PreparingUpdate:
                return PodLifecycle.IsHooked(hook, pod)
                    ? new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Wait)
                    : new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Proceed);
            case LifecycleStates.Updating:
                return new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Proceed);
            default:
                return new InPlaceUpdateHookStep(InPlaceUpdateHookAction.Refuse);
        }
    }
}
