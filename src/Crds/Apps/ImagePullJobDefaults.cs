using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// OpenKruise's ImagePullJob defaults; returns a defaulted copy. OpenKruise's webhook also adds
/// <see cref="ImagePullJob.ProtectionFinalizer"/>, but only on create, so that is left to the create path.
/// </summary>
public static class ImagePullJobDefaults
{
    public const int DefaultTimeoutSeconds = 600;
    public const int DefaultBackoffLimit = 3;

    /// <summary>Not written into the object (OpenKruise leaves parallelism unset); the controller reads unset as 1.</summary>
    public const int DefaultParallelism = 1;

    public static ImagePullJob Apply(ImagePullJob input)
    {
        var job = ObjectCopy.Clone(input);
        var spec = job.Spec;
        var completion = spec.CompletionPolicy ??= new CompletionPolicy();
        completion.Type ??= CompletionPolicyTypes.Always;
        var pull = spec.PullPolicy ??= new PullPolicy();
        pull.TimeoutSeconds ??= DefaultTimeoutSeconds;
        pull.BackoffLimit ??= DefaultBackoffLimit;
        spec.ImagePullPolicy ??= ImagePullPolicies.IfNotPresent;
        return job;
    }
}
