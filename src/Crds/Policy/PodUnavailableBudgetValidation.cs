using System.Globalization;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Policy;

/// <summary>
/// What the admission webhook rejects in a PodUnavailableBudget, each error naming its field. OpenKruise's
/// webhook refuses both selector and targetRef, and both maxUnavailable and minAvailable; the controller's
/// "targetRef wins" and "maxUnavailable wins" only matter for objects that bypassed it. Its check that no
/// other budget in the namespace covers the same pods needs the other budgets, so it lives with the webhook.
/// </summary>
public static class PodUnavailableBudgetValidation
{
    public static IReadOnlyList<FieldError> Validate(PodUnavailableBudget budget)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(budget.Metadata, errors);
        ValidateAnnotations(budget.Metadata.Annotations, errors);
        var spec = budget.Spec;
        if (spec.Selector is null && spec.TargetRef is null)
            errors.Add(new("spec.selector", "one of selector and targetRef is required"));
        else if (spec.Selector is not null && spec.TargetRef is not null)
            errors.Add(new("spec.targetRef", "selector and targetRef are mutually exclusive"));
        else if (spec.TargetRef is { } target)
            ValidateTargetRef(target, errors);
        else
            CommonValidation.Selector("spec.selector", spec.Selector, errors);

        if (spec.MaxUnavailable is null && spec.MinAvailable is null)
            errors.Add(new("spec.maxUnavailable", "one of maxUnavailable and minAvailable is required"));
        else if (spec.MaxUnavailable is not null && spec.MinAvailable is not null)
            errors.Add(new("spec.minAvailable", "maxUnavailable and minAvailable are mutually exclusive"));
        CommonValidation.IntOrPercent("spec.maxUnavailable", spec.MaxUnavailable, errors);
        CommonValidation.IntOrPercent("spec.minAvailable", spec.MinAvailable, errors);
        return errors;
    }

    /// <summary>Which pods a budget covers cannot change; everything else is validated as on create.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(PodUnavailableBudget oldBudget, PodUnavailableBudget newBudget)
    {
        var errors = Validate(newBudget).ToList();
        CommonValidation.Immutable("spec.selector", oldBudget.Spec.Selector, newBudget.Spec.Selector, errors);
        CommonValidation.Immutable("spec.targetRef", oldBudget.Spec.TargetRef, newBudget.Spec.TargetRef, errors);
        return errors;
    }

    private static void ValidateTargetRef(PodUnavailableBudgetTargetReference target, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(target.ApiVersion))
            errors.Add(new("spec.targetRef.apiVersion", "is required"));
        else if (target.ApiVersion.Count(c => c == '/') > 1 || target.ApiVersion.StartsWith('/') || target.ApiVersion.EndsWith('/'))
            errors.Add(new("spec.targetRef.apiVersion", $"invalid value \"{target.ApiVersion}\": must be <version> or <group>/<version>"));
        if (string.IsNullOrEmpty(target.Kind))
            errors.Add(new("spec.targetRef.kind", "is required"));
        if (string.IsNullOrEmpty(target.Name))
            errors.Add(new("spec.targetRef.name", "is required"));
    }

    private static void ValidateAnnotations(IDictionary<string, string>? annotations, List<FieldError> errors)
    {
        if (annotations is null)
            return;
        if (annotations.TryGetValue(PubAnnotations.ProtectOperations, out var operations))
        {
            var at = CommonValidation.Key("metadata.annotations", PubAnnotations.ProtectOperations);
            foreach (var operation in operations.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                CommonValidation.OneOf(at, operation, PubOperations.All, errors);
        }
        if (annotations.TryGetValue(PubAnnotations.ProtectTotalReplicas, out var total)
            && !int.TryParse(total, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new(CommonValidation.Key("metadata.annotations", PubAnnotations.ProtectTotalReplicas), $"invalid value \"{total}\": must be a 32-bit integer"));
        }
    }
}
