using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>The completion policy checks every node-wide job (BroadcastJob, ImagePullJob) shares.</summary>
public static class CompletionPolicyValidation
{
    private static readonly string[] Types = [CompletionPolicyTypes.Always, CompletionPolicyTypes.Never];

    /// <summary>A known type, a non-negative TTL, and no deadline or TTL for jobs that never finish (Never).</summary>
    public static void Validate(string path, CompletionPolicy? policy, List<FieldError> errors)
    {
        if (policy is null)
            return;
        CommonValidation.OneOf($"{path}.type", policy.Type, Types, errors);
        CommonValidation.NonNegative($"{path}.ttlSecondsAfterFinished", policy.TtlSecondsAfterFinished, errors);
        if (policy.Type != CompletionPolicyTypes.Never)
            return;
        if (policy.ActiveDeadlineSeconds is not null)
            errors.Add(new($"{path}.activeDeadlineSeconds", "may only be set when type is Always"));
        if (policy.TtlSecondsAfterFinished is not null)
            errors.Add(new($"{path}.ttlSecondsAfterFinished", "may only be set when type is Always"));
    }
}
