using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>OpenKruise's Advanced StatefulSet defaults; returns a defaulted copy and leaves the input untouched.</summary>
public static class StatefulSetDefaults
{
    public const int DefaultRevisionHistoryLimit = 10;

    public static StatefulSet Apply(StatefulSet input)
    {
        var statefulSet = ObjectCopy.Clone(input);
        var spec = statefulSet.Spec;
        spec.PodManagementPolicy ??= PodManagementPolicies.OrderedReady;
        var update = spec.UpdateStrategy ??= new StatefulSetUpdateStrategy();
        update.Type ??= StatefulSetUpdateStrategyTypes.RollingUpdate;
        if (update.Type == StatefulSetUpdateStrategyTypes.RollingUpdate)
        {
            var rolling = update.RollingUpdate ??= new RollingUpdateStatefulSetStrategy();
            rolling.Partition ??= 0;
            rolling.MaxUnavailable ??= 1;
            rolling.PodUpdatePolicy ??= PodUpdatePolicies.ReCreate;
            rolling.MinReadySeconds ??= 0;
        }
        // OpenKruise defaults the retention policy whenever its (default-on) StatefulSetAutoDeletePVC gate is on.
        var retention = spec.PersistentVolumeClaimRetentionPolicy ??= new StatefulSetPersistentVolumeClaimRetentionPolicy();
        retention.WhenDeleted ??= ClaimRetentionPolicies.Retain;
        retention.WhenScaled ??= ClaimRetentionPolicies.Retain;
        spec.Replicas ??= 1;
        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        PodTemplateDefaults.Apply(spec.Template);
        foreach (var claim in spec.VolumeClaimTemplates ?? [])
            PodTemplateDefaults.ApplyClaim(claim);
        return statefulSet;
    }
}
