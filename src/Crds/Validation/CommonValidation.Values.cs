using k8s.Models;

namespace Kruise.Actors.Crds.Validation;

public static partial class CommonValidation
{
    /// <summary>Workloads keep their pods running, so a pod deadline would only make them fail and be replaced.</summary>
    public static void NoActiveDeadline(string path, V1PodTemplateSpec? template, List<FieldError> errors)
    {
        if (template?.Spec?.ActiveDeadlineSeconds is not null)
            errors.Add(new($"{path}.spec.activeDeadlineSeconds", "must not be set for pods a workload keeps running"));
    }

    /// <summary>An integer field with an inclusive range.</summary>
    public static void InRange(string path, long? value, long min, long max, List<FieldError> errors)
    {
        if (value < min || value > max)
            errors.Add(new(path, $"must be in the range {min}-{max}"));
    }
}
