using k8s.Models;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in a BroadcastJob, each error naming its field.</summary>
public static class BroadcastJobValidation
{
    private static readonly string[] FailureTypes = [FailurePolicyTypes.FailFast, FailurePolicyTypes.Continue, FailurePolicyTypes.Pause];

    /// <summary>Restart policies a run-to-completion pod may have.</summary>
    public static readonly IReadOnlyList<string> JobRestartPolicies = ["Never", "OnFailure"];

    public static IReadOnlyList<FieldError> Validate(BroadcastJob job)
    {
        var errors = new List<FieldError>();
        JobName(job.Metadata, errors);
        ValidateSpec("spec", job.Spec, errors);
        return errors;
    }

    /// <summary>Job names (BroadcastJob, AdvancedCronJob) are labels on pods: letters, digits and '-', at most 63.</summary>
    public static void JobName(V1ObjectMeta? metadata, List<FieldError> errors)
    {
        var before = errors.Count;
        CommonValidation.ObjectName(metadata, errors, 63);
        var name = metadata?.Name;
        if (errors.Count == before && name?.Contains('.', StringComparison.Ordinal) == true)
            errors.Add(new("metadata.name", $"invalid value \"{name}\": must consist of alphanumeric characters or '-'"));
    }

    /// <summary>A BroadcastJob spec at the given path (also used for an AdvancedCronJob's broadcastJobTemplate).</summary>
    public static void ValidateSpec(string path, BroadcastJobSpec spec, List<FieldError> errors)
    {
        CommonValidation.IntOrPercent($"{path}.parallelism", spec.Parallelism, errors);
        JobPodTemplate($"{path}.template", spec.Template, errors);
        var labels = spec.Template?.Metadata?.Labels;
        if (labels is not null && (labels.ContainsKey(BroadcastJob.JobNameLabel) || labels.ContainsKey(BroadcastJob.ControllerUidLabel)))
            errors.Add(new($"{path}.template.metadata.labels", $"may not set {BroadcastJob.JobNameLabel} or {BroadcastJob.ControllerUidLabel}: the controller sets them"));
        CompletionPolicyValidation.Validate($"{path}.completionPolicy", spec.CompletionPolicy, errors);
        CommonValidation.AtLeast($"{path}.completionPolicy.activeDeadlineSeconds", spec.CompletionPolicy?.ActiveDeadlineSeconds, 1, errors);
        CommonValidation.OneOf($"{path}.failurePolicy.type", spec.FailurePolicy?.Type, FailureTypes, errors);
        CommonValidation.NonNegative($"{path}.failurePolicy.restartLimit", spec.FailurePolicy?.RestartLimit, errors);
    }

    /// <summary>A pod template whose pods run to completion: restartPolicy must be set to Never or OnFailure.</summary>
    public static void JobPodTemplate(string path, V1PodTemplateSpec? template, List<FieldError> errors)
    {
        CommonValidation.PodTemplate(path, template, errors, JobRestartPolicies);
        if (template?.Spec is { RestartPolicy: null or "" })
            errors.Add(new($"{path}.spec.restartPolicy", $"is required: must be one of {string.Join(", ", JobRestartPolicies)}"));
    }
}
