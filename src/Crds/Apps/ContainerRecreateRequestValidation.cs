using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in a ContainerRecreateRequest, each error naming its field.</summary>
public static class ContainerRecreateRequestValidation
{
    public static IReadOnlyList<FieldError> Validate(ContainerRecreateRequest request)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(request.Metadata, errors);
        var spec = request.Spec;
        if (string.IsNullOrEmpty(spec.PodName))
            errors.Add(new("spec.podName", "is required"));
        else if (!CommonValidation.IsDns1123Subdomain(spec.PodName))
            errors.Add(new("spec.podName", $"invalid value \"{spec.PodName}\": must be a pod name"));
        if ((spec.Containers?.Count ?? 0) == 0)
            errors.Add(new("spec.containers", "must have at least one container"));
        CommonValidation.UniqueNames("spec.containers", spec.Containers?.Select(c => c.Name), errors, ".name");
        CommonValidation.AtLeast("spec.activeDeadlineSeconds", spec.ActiveDeadlineSeconds, ContainerRecreateRequest.MinActiveDeadlineSeconds, errors);
        CommonValidation.NonNegative("spec.ttlSecondsAfterFinished", spec.TtlSecondsAfterFinished, errors);
        if (spec.Strategy is { } strategy)
        {
            CommonValidation.OneOf("spec.strategy.failurePolicy", strategy.FailurePolicy, ContainerRecreateRequestFailurePolicies.All, errors);
            CommonValidation.NonNegative("spec.strategy.terminationGracePeriodSeconds", strategy.TerminationGracePeriodSeconds, errors);
            CommonValidation.NonNegative("spec.strategy.unreadyGracePeriodSeconds", strategy.UnreadyGracePeriodSeconds, errors);
            CommonValidation.NonNegative("spec.strategy.minStartedSeconds", strategy.MinStartedSeconds, errors);
        }
        return errors;
    }

    /// <summary>
    /// The fields the system fills in from the pod on create (preStop, ports, statusContext) must not come
    /// from the user. Call on the request as submitted, before the create path copies them in.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateSubmitted(ContainerRecreateRequest request)
    {
        var errors = Validate(request).ToList();
        for (var i = 0; i < (request.Spec.Containers?.Count ?? 0); i++)
        {
            var container = request.Spec.Containers![i];
            if (container.PreStop is not null)
                errors.Add(new($"spec.containers[{i}].preStop", "is read-only: it is copied from the pod"));
            if (container.Ports is not null)
                errors.Add(new($"spec.containers[{i}].ports", "is read-only: it is copied from the pod"));
            if (container.StatusContext is not null)
                errors.Add(new($"spec.containers[{i}].statusContext", "is read-only: it is copied from the pod"));
        }
        return errors;
    }

    /// <summary>
    /// Like OpenKruise, an update is only checked for immutability, not re-validated: the controller and
    /// daemon must always be able to update labels and status of a request accepted earlier.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(ContainerRecreateRequest oldRequest, ContainerRecreateRequest newRequest)
    {
        var errors = new List<FieldError>();
        CommonValidation.Immutable("spec", oldRequest.Spec, newRequest.Spec, errors);
        foreach (var label in (string[])[ContainerRecreateRequest.PodUidLabel, ContainerRecreateRequest.NodeNameLabel])
        {
            if (Value(oldRequest.Metadata.Labels, label) != Value(newRequest.Metadata.Labels, label))
                errors.Add(new(CommonValidation.Key("metadata.labels", label), "field is immutable"));
        }
        const string unready = ContainerRecreateRequest.UnreadyAcquiredAnnotation;
        var acquired = Value(oldRequest.Metadata.Annotations, unready);
        if (!string.IsNullOrEmpty(acquired) && Value(newRequest.Metadata.Annotations, unready) != acquired)
            errors.Add(new(CommonValidation.Key("metadata.annotations", unready), "field is immutable once set"));
        return errors;
    }

    private static string? Value(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
