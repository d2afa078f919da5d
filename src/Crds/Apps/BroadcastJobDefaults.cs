using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>OpenKruise's BroadcastJob defaults; returns a defaulted copy and leaves the input untouched.</summary>
public static class BroadcastJobDefaults
{
    /// <summary>Unlimited parallelism, as OpenKruise writes it (the largest int32).</summary>
    public const int DefaultParallelism = int.MaxValue;

    public static BroadcastJob Apply(BroadcastJob input)
    {
        var job = ObjectCopy.Clone(input);
        ApplySpec(job.Spec);
        return job;
    }

    /// <summary>
    /// Defaults a spec in place. Like OpenKruise (and the API server for Jobs), an unset template
    /// restartPolicy becomes the pod default Always, which validation then rejects: a job's pods
    /// must say Never or OnFailure.
    /// </summary>
    public static void ApplySpec(BroadcastJobSpec spec)
    {
        PodTemplateDefaults.Apply(spec.Template);
        var completion = spec.CompletionPolicy ??= new CompletionPolicy();
        if (string.IsNullOrEmpty(completion.Type))
            completion.Type = CompletionPolicyTypes.Always;
        spec.Parallelism ??= DefaultParallelism;
        var failure = spec.FailurePolicy ??= new FailurePolicy();
        if (string.IsNullOrEmpty(failure.Type))
            failure.Type = FailurePolicyTypes.FailFast;
    }
}
