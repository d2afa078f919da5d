using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>How a CloneSet's spec reads on its pods: revisions, deletion marks, partition, limits.</summary>
public static class CloneSetRules
{
    public static int Replicas(CloneSetSpec spec) => spec.Replicas ?? 1;

    /// <summary>The value when it holds one; an int-or-string with no value counts as unset.</summary>
    public static IntOrString? Configured(IntOrString? value) => value?.Value is null ? null : value;

    public static bool IsUpdated(ObservedPod pod, string updateRevision) =>
        RevisionHash.Matches(pod.Label(ControllerRevisionFactory.PodRevisionLabel), updateRevision);

    /// <summary>Named in scaleStrategy.podsToDelete or labelled apps.kruise.io/specified-delete (any value).</summary>
    public static bool IsSpecifiedDelete(CloneSetSpec spec, ObservedPod pod) =>
        pod.Labels.ContainsKey(CloneSet.SpecifiedDeleteLabel) || (spec.ScaleStrategy?.PodsToDelete?.Contains(pod.Name) ?? false);

    public static bool IsPreparingDelete(ObservedPod pod) => pod.Label(LifecycleStates.Label) == LifecycleStates.PreparingDelete;

    /// <summary>Ready for scaling decisions: OpenKruise's isPodReady (available with no minReadySeconds).</summary>
    public static bool IsReady(ObservedPod pod, DateTimeOffset now) => PodAvailability.IsAvailable(pod, 0, now);

    public static bool IsAvailable(CloneSetSpec spec, ObservedPod pod, DateTimeOffset now) =>
        PodAvailability.IsAvailable(pod, spec.MinReadySeconds ?? 0, now);

    /// <summary>
    /// Pods kept at the current revision (OpenKruise's CalculatePartitionReplicas): percentages
    /// round up, a percentage below 100% still updates at least one pod, clamped to [0, replicas].
    /// </summary>
    public static int Partition(CloneSetSpec spec)
    {
        var partition = Configured(spec.UpdateStrategy?.Partition);
        if (partition is null)
            return 0;
        var replicas = Replicas(spec);
        var value = IntOrStringValues.Scaled(partition, replicas, roundUp: true);
        if (replicas > 1 && value == replicas && IntOrStringValues.IsPercent(partition) && partition.Value != "100%")
            value = replicas - 1;
        return Math.Clamp(value, 0, replicas);
    }
}
