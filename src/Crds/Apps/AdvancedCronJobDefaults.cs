using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>OpenKruise's AdvancedCronJob defaults; returns a defaulted copy and leaves the input untouched.</summary>
public static class AdvancedCronJobDefaults
{
    public const int DefaultSuccessfulJobsHistoryLimit = 3;
    public const int DefaultFailedJobsHistoryLimit = 1;

    /// <summary>
    /// Only the pod templates get defaults inside the job templates; the created BroadcastJob gets
    /// its own defaults (completion and failure policy) when it is admitted.
    /// </summary>
    public static AdvancedCronJob Apply(AdvancedCronJob input)
    {
        var cronJob = ObjectCopy.Clone(input);
        var spec = cronJob.Spec;
        PodTemplateDefaults.Apply(spec.Template?.JobTemplate?.Spec?.Template);
        PodTemplateDefaults.Apply(spec.Template?.BroadcastJobTemplate?.Spec?.Template);
        if (string.IsNullOrEmpty(spec.ConcurrencyPolicy))
            spec.ConcurrencyPolicy = ConcurrencyPolicies.Allow;
        spec.Paused ??= false;
        spec.SuccessfulJobsHistoryLimit ??= DefaultSuccessfulJobsHistoryLimit;
        spec.FailedJobsHistoryLimit ??= DefaultFailedJobsHistoryLimit;
        return cronJob;
    }
}
