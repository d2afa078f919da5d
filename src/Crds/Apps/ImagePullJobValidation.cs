using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in an ImagePullJob, each error naming its field.</summary>
public static class ImagePullJobValidation
{

    public static IReadOnlyList<FieldError> Validate(ImagePullJob job)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(job.Metadata, errors);
        var spec = job.Spec;
        CommonValidation.Image("spec.image", spec.Image, errors);
        ValidateSelectors(spec, errors);
        CommonValidation.NonNegativeInteger("spec.parallelism", spec.Parallelism, errors);
        CommonValidation.NonNegative("spec.pullPolicy.timeoutSeconds", spec.PullPolicy?.TimeoutSeconds, errors);
        CommonValidation.NonNegative("spec.pullPolicy.backoffLimit", spec.PullPolicy?.BackoffLimit, errors);
        ValidateCompletionPolicy(spec.CompletionPolicy, spec.PullPolicy?.TimeoutSeconds ?? ImagePullJobDefaults.DefaultTimeoutSeconds, errors);
        CommonValidation.OneOf("spec.imagePullPolicy", spec.ImagePullPolicy, ImagePullPolicies.All, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(ImagePullJob oldJob, ImagePullJob newJob)
    {
        var errors = Validate(newJob).ToList();
        CommonValidation.Immutable("spec.pullSecrets", oldJob.Spec.PullSecrets, newJob.Spec.PullSecrets, errors);
        return errors;
    }

    private static void ValidateSelectors(ImagePullJobSpec spec, List<FieldError> errors)
    {
        if (spec.Selector is { } nodes)
        {
            // OpenKruise counts a label selector as set as soon as either field is present, even empty.
            if (nodes.Names is not null && nodes.LabelSelector() is not null)
                errors.Add(new("spec.selector.names", "names and a label selector (matchLabels, matchExpressions) are mutually exclusive"));
            CommonValidation.Selector("spec.selector", nodes.LabelSelector(), errors, required: false);
            CommonValidation.UniqueNames("spec.selector.names", nodes.Names, errors);
        }
        if (spec.PodSelector is { } pods)
        {
            if (spec.Selector is not null)
                errors.Add(new("spec.podSelector", "selector and podSelector are mutually exclusive"));
            CommonValidation.Selector("spec.podSelector", pods.LabelSelector(), errors, required: false);
        }
    }

    /// <summary>
    /// A deadline shorter than one pull's timeout could never let a pull finish; the two seconds
    /// fields only mean something for jobs that finish (Always).
    /// </summary>
    private static void ValidateCompletionPolicy(CompletionPolicy? policy, int timeoutSeconds, List<FieldError> errors)
    {
        const string at = "spec.completionPolicy";
        CompletionPolicyValidation.Validate(at, policy, errors);
        if (policy is not null && policy.Type != CompletionPolicyTypes.Never && policy.ActiveDeadlineSeconds < timeoutSeconds)
            errors.Add(new($"{at}.activeDeadlineSeconds", $"must be >= pullPolicy.timeoutSeconds ({timeoutSeconds})"));
    }
}
