using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Pods;
using LifecycleSpec = Kruise.Actors.Crds.Apps.Pub.Lifecycle;

namespace Kruise.Actors.Planning.Lifecycle;

/// <summary>
/// A pod's lifecycle state (label `lifecycle.apps.kruise.io/state`) and how a workload's hooks
/// hold it, as OpenKruise reads them; workload-agnostic (CloneSet, Advanced StatefulSet, ...).
/// A hook is a set of labels (with values) and finalizers a user's handler puts on or takes off
/// the pod. The direction differs per hook:
/// <list type="bullet">
/// <item>preDelete and inPlaceUpdate (before the update) hold the pod while ANY of the hook's
/// labels/finalizers is still on it (<see cref="IsHooked"/>): the handler releases the pod by
/// removing them (e.g. after draining traffic).</item>
/// <item>preNormal and inPlaceUpdate (after the update) hold the pod until ALL of them are on it
/// (<see cref="IsAllHooked"/>): the handler admits the pod by adding them (e.g. once it has
/// registered the pod with a load balancer).</item>
/// </list>
/// </summary>
public static class PodLifecycle
{
    /// <summary>The pod's state; "" when it has none (a pod from before hooks were used, counted as Normal).</summary>
    public static string StateOf(ObservedPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Label(LifecycleStates.Label) ?? "";
    }

    /// <summary>Any of the hook's labels (with its value) or finalizers is on the pod (OpenKruise's IsPodHooked).</summary>
    public static bool IsHooked(LifecycleHook? hook, ObservedPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (hook is null)
            return false;
        return (hook.FinalizersHandler ?? []).Any(pod.Finalizers.Contains)
            || (hook.LabelsHandler ?? new Dictionary<string, string>()).Any(l => pod.Label(l.Key) == l.Value);
    }

    /// <summary>Every one of the hook's labels and finalizers is on the pod (OpenKruise's IsPodAllHooked); false without a hook.</summary>
    public static bool IsAllHooked(LifecycleHook? hook, ObservedPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (hook is null)
            return false;
        return (hook.FinalizersHandler ?? []).All(pod.Finalizers.Contains)
            && (hook.LabelsHandler ?? new Dictionary<string, string>()).All(l => pod.Label(l.Key) == l.Value);
    }

    /// <summary>
    /// The state a new pod is created in: PreparingNormal while a preNormal hook must admit it,
    /// else Normal at once. (OpenKruise creates every pod PreparingNormal and patches it Normal once
    /// scheduled; starting Normal saves that write per pod when no hook waits.)
    /// </summary>
    public static string InitialState(LifecycleSpec? lifecycle) =>
        lifecycle?.PreNormal is null ? LifecycleStates.Normal : LifecycleStates.PreparingNormal;

    /// <summary>A pod chosen for deletion must first wait in PreparingDelete: the preDelete hook is on it.</summary>
    public static bool HoldsDeletion(LifecycleSpec? lifecycle, ObservedPod pod) => IsHooked(lifecycle?.PreDelete, pod);

    /// <summary>
    /// Some hook sets the KruisePodReady condition False (markPodNotReady on preDelete or
    /// inPlaceUpdate; OpenKruise ignores it on preNormal), so new pods need that readiness gate.
    /// </summary>
    public static bool MarksPodNotReady(LifecycleSpec? lifecycle) =>
        lifecycle?.PreDelete?.MarkPodNotReady == true || lifecycle?.InPlaceUpdate?.MarkPodNotReady == true;

    /// <summary>
    /// OpenKruise's refresh of a pod's state: the state it moves to now on its own, or null when it stays.
    /// PreparingNormal goes Normal once the preNormal hook admits it (without a hook: once scheduled);
    /// PreparingUpdate at the update revision (the update was rolled back under it) and Updating once the
    /// in-place update is done go Updated while the inPlaceUpdate hook has not re-admitted the pod, else
    /// Normal; Updated goes Normal once it has. Other states (PreparingDelete, Normal, none) stay.
    /// </summary>
    /// <param name="lifecycle">The workload's spec.lifecycle.</param>
    /// <param name="pod">The pod as observed.</param>
    /// <param name="atUpdateRevision">The pod is labelled with the workload's update revision.</param>
    /// <param name="inPlaceUpdateDone">The pod's in-place update finished (InPlaceUpdateReady not False).</param>
    public static string? NextState(LifecycleSpec? lifecycle, ObservedPod pod, bool atUpdateRevision, bool inPlaceUpdateDone) =>
        StateOf(pod) switch
        {
            LifecycleStates.PreparingNormal when lifecycle?.PreNormal is { } hook => IsAllHooked(hook, pod) ? LifecycleStates.Normal : null,
            LifecycleStates.PreparingNormal => pod.NodeName.Length > 0 ? LifecycleStates.Normal : null,
            LifecycleStates.PreparingUpdate => atUpdateRevision ? AfterInPlaceUpdate(lifecycle, pod) : null,
            LifecycleStates.Updating => inPlaceUpdateDone ? AfterInPlaceUpdate(lifecycle, pod) : null,
            LifecycleStates.Updated => lifecycle?.InPlaceUpdate is not { } hook || IsAllHooked(hook, pod) ? LifecycleStates.Normal : null,
            _ => null,
        };

    private static string AfterInPlaceUpdate(LifecycleSpec? lifecycle, ObservedPod pod) =>
        lifecycle?.InPlaceUpdate is { } hook && !IsAllHooked(hook, pod) ? LifecycleStates.Updated : LifecycleStates.Normal;
}
