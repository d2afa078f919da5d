using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>OpenKruise's SidecarSet defaults; returns a defaulted copy and leaves the input untouched.</summary>
public static class SidecarSetDefaults
{
    public const int DefaultRevisionHistoryLimit = 10;
    public const string DefaultTargetContainersNameRegex = ".*";

    public static SidecarSet Apply(SidecarSet input)
    {
        var sidecarSet = ObjectCopy.Clone(input);
        var spec = sidecarSet.Spec;
        var update = spec.UpdateStrategy ??= new SidecarSetUpdateStrategy();
        update.Type ??= SidecarSetUpdateStrategyTypes.RollingUpdate;
        update.MaxUnavailable ??= 1;
        update.Partition ??= 0;
        // Init containers run before the pod's own, so "after the app" is the only order that makes sense.
        foreach (var container in spec.InitContainers ?? [])
            DefaultContainer(container, PodInjectPolicies.AfterAppContainer);
        foreach (var container in spec.Containers ?? [])
            DefaultContainer(container, PodInjectPolicies.BeforeAppContainer);
        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        foreach (var patch in spec.PatchPodMetadata ?? [])
            patch.PatchPolicy ??= SidecarSetPatchPolicies.Retain;
        if (spec.InjectionStrategy?.Revision is { } revision)
            revision.Policy ??= SidecarSetInjectRevisionPolicies.Always;
        return sidecarSet;
    }

    private static void DefaultContainer(SidecarContainer container, string injectPolicy)
    {
        container.PodInjectPolicy ??= injectPolicy;
        var upgrade = container.UpgradeStrategy ??= new SidecarContainerUpgradeStrategy();
        upgrade.UpgradeType ??= SidecarUpgradeTypes.ColdUpgrade;
        var share = container.ShareVolumePolicy ??= new ShareVolumePolicy();
        share.Type ??= ShareVolumePolicyTypes.Disabled;
        foreach (var transfer in container.TransferEnv ?? [])
        {
            if (transfer.SourceContainerNameFrom?.FieldRef is { } fieldRef)
                fieldRef.ApiVersion ??= "v1";
        }
        if (container.ResourcesPolicy is { } policy)
            policy.TargetContainersNameRegex ??= DefaultTargetContainersNameRegex;
        PodTemplateDefaults.ApplyContainer(container);
    }
}
