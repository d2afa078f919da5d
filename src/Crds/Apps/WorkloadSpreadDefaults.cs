using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// OpenKruise admits WorkloadSpreads without a defaulting webhook: the stored object is what the
/// user wrote, and readers treat an unset schedule strategy type as Fixed. Apply only copies, so
/// every kind is defaulted the same way.
/// </summary>
public static class WorkloadSpreadDefaults
{
    public const string DefaultScheduleStrategyType = WorkloadSpreadScheduleStrategyTypes.Fixed;

    public static WorkloadSpread Apply(WorkloadSpread input) => ObjectCopy.Clone(input);

    /// <summary>True when pods that cannot be scheduled in their subset may move to another.</summary>
    public static bool IsAdaptive(WorkloadSpreadSpec spec) =>
        spec.ScheduleStrategy?.Type == WorkloadSpreadScheduleStrategyTypes.Adaptive;
}
