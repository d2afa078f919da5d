using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>OpenKruise's UnitedDeployment defaults; returns a defaulted copy and leaves the input untouched.</summary>
public static class UnitedDeploymentDefaults
{
    public const int DefaultRevisionHistoryLimit = 10;

    /// <summary>Adaptive strategy: seconds a pod may stay unschedulable before it moves.</summary>
    public const int DefaultRescheduleCriticalSeconds = 30;

    /// <summary>Adaptive strategy: seconds a subset counts as full after a scheduling failure.</summary>
    public const int DefaultUnschedulableDurationSeconds = 300;

    /// <summary>
    /// spec.replicas stays unset when unset (it then means the sum of the subsets' replicas). Only a
    /// statefulSetTemplate's pod template and claims get the API server's defaults, as in OpenKruise; the
    /// other kinds are defaulted when their subset workloads are admitted.
    /// </summary>
    public static UnitedDeployment Apply(UnitedDeployment input)
    {
        var unitedDeployment = ObjectCopy.Clone(input);
        var spec = unitedDeployment.Spec;
        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        var update = spec.UpdateStrategy ??= new UnitedDeploymentUpdateStrategy();
        if (string.IsNullOrEmpty(update.Type))
            update.Type = UnitedDeploymentUpdateStrategyTypes.Manual;
        if (update.Type == UnitedDeploymentUpdateStrategyTypes.Manual)
            update.ManualUpdate ??= new UnitedDeploymentManualUpdate();
        PodTemplateDefaults.Apply(spec.Template?.StatefulSetTemplate?.Spec?.Template);
        foreach (var claim in spec.Template?.StatefulSetTemplate?.Spec?.VolumeClaimTemplates ?? [])
            PodTemplateDefaults.ApplyClaim(claim);
        DefaultMinReplicas(spec.Topology?.Subsets ?? []);
        return unitedDeployment;
    }

    // With capacity ranges (and no fixed replicas) every subset gets an explicit lower bound of 0.
    private static void DefaultMinReplicas(IList<UnitedDeploymentSubset> subsets)
    {
        var hasReplicas = subsets.Any(s => s.Replicas is not null);
        var hasRanges = subsets.Any(s => s.MinReplicas is not null || s.MaxReplicas is not null);
        if (!hasRanges || hasReplicas)
            return;
        foreach (var subset in subsets)
            subset.MinReplicas ??= 0;
    }
}
