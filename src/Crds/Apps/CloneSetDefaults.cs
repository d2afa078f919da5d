using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>OpenKruise's CloneSet defaults; returns a defaulted copy and leaves the input untouched.</summary>
public static class CloneSetDefaults
{
    public const string DefaultMaxUnavailable = "20%";
    public const int DefaultRevisionHistoryLimit = 10;

    public static CloneSet Apply(CloneSet input)
    {
        var cloneSet = ObjectCopy.Clone(input);
        var spec = cloneSet.Spec;
        spec.Replicas ??= 1;
        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        var update = spec.UpdateStrategy ??= new CloneSetUpdateStrategy();
        update.Type ??= CloneSetUpdateStrategyTypes.ReCreate;
        update.Partition ??= 0;
        update.MaxUnavailable ??= DefaultMaxUnavailable;
        update.MaxSurge ??= 0;
        PodTemplateDefaults.Apply(spec.Template);
        foreach (var claim in spec.VolumeClaimTemplates ?? [])
            PodTemplateDefaults.ApplyClaim(claim);
        return cloneSet;
    }
}
