using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>OpenKruise's Advanced DaemonSet defaults; returns a defaulted copy and leaves the input untouched.</summary>
public static class DaemonSetDefaults
{
    public const int DefaultBurstReplicas = 250;
    public const int DefaultRevisionHistoryLimit = 10;

    public static DaemonSet Apply(DaemonSet input)
    {
        var daemonSet = ObjectCopy.Clone(input);
        var spec = daemonSet.Spec;
        spec.BurstReplicas ??= DefaultBurstReplicas;
        var update = spec.UpdateStrategy ??= new DaemonSetUpdateStrategy();
        update.Type ??= DaemonSetUpdateStrategyTypes.RollingUpdate;
        if (update.Type == DaemonSetUpdateStrategyTypes.RollingUpdate)
            DefaultRollingUpdate(update.RollingUpdate ??= new RollingUpdateDaemonSet());
        spec.RevisionHistoryLimit ??= DefaultRevisionHistoryLimit;
        // OpenKruise leaves this template as written; we default it like every other workload's so a
        // revision hashes the same with or without the API server's implicit values.
        PodTemplateDefaults.Apply(spec.Template);
        return daemonSet;
    }

    private static void DefaultRollingUpdate(RollingUpdateDaemonSet rolling)
    {
        // The deprecated Surging type meant "surge one pod per node, never go unavailable".
        if (rolling.RollingUpdateType == DaemonSetRollingUpdateTypes.Surging)
        {
            rolling.MaxSurge ??= 1;
            rolling.MaxUnavailable ??= 0;
        }
        if (rolling.RollingUpdateType is null or DaemonSetRollingUpdateTypes.Surging)
            rolling.RollingUpdateType = DaemonSetRollingUpdateTypes.Standard;
        if (rolling.MaxUnavailable is null && rolling.MaxSurge is null)
        {
            rolling.MaxUnavailable = 1;
            rolling.MaxSurge = 0;
        }
    }
}
