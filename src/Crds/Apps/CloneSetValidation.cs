using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in a CloneSet, each error naming its field.</summary>
public static class CloneSetValidation
{
    // Pod names are "<cloneset>-<5 char id>" and must stay valid DNS labels for hostnames.
    private const int MaxNameLength = 63 - 6;

    public static IReadOnlyList<FieldError> Validate(CloneSet cloneSet)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(cloneSet.Metadata, errors, MaxNameLength);
        var spec = cloneSet.Spec;
        CommonValidation.NonNegative("spec.replicas", spec.Replicas, errors);
        CommonValidation.Selector("spec.selector", spec.Selector, errors);
        CommonValidation.PodTemplate("spec.template", spec.Template, errors, ["Always"]);
        CommonValidation.SelectorMatchesTemplate("spec.selector", spec.Selector, spec.Template, errors);
        CommonValidation.NonNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit, errors);
        CommonValidation.NonNegative("spec.minReadySeconds", spec.MinReadySeconds, errors);
        CommonValidation.NonNegative("spec.progressDeadlineSeconds", spec.ProgressDeadlineSeconds, errors);
        CommonValidation.IntOrPercent("spec.scaleStrategy.maxUnavailable", spec.ScaleStrategy?.MaxUnavailable, errors);
        ValidatePodsToDelete(spec.ScaleStrategy?.PodsToDelete, errors);
        ValidateUpdateStrategy(spec.UpdateStrategy, errors);
        UpdateStrategyValidation.Lifecycle("spec.lifecycle", spec.Lifecycle, errors);
        return errors;
    }

    public static IReadOnlyList<FieldError> ValidateUpdate(CloneSet oldCloneSet, CloneSet newCloneSet)
    {
        var errors = Validate(newCloneSet).ToList();
        CommonValidation.Immutable("spec.selector", oldCloneSet.Spec.Selector, newCloneSet.Spec.Selector, errors);
        return errors;
    }

    private static void ValidatePodsToDelete(IList<string>? names, List<FieldError> errors)
    {
        var index = 0;
        foreach (var name in names ?? [])
        {
            if (!CommonValidation.IsDns1123Subdomain(name))
                errors.Add(new($"spec.scaleStrategy.podsToDelete[{index}]", $"invalid value \"{name}\": must be a pod name"));
            index++;
        }
    }

    private static void ValidateUpdateStrategy(CloneSetUpdateStrategy? strategy, List<FieldError> errors)
    {
        if (strategy is null)
            return;
        const string at = "spec.updateStrategy";
        if (strategy.Type is { } type && type is not (CloneSetUpdateStrategyTypes.ReCreate or CloneSetUpdateStrategyTypes.InPlaceIfPossible or CloneSetUpdateStrategyTypes.InPlaceOnly))
            errors.Add(new($"{at}.type", $"unsupported value \"{type}\": must be one of ReCreate, InPlaceIfPossible, InPlaceOnly"));
        CommonValidation.IntOrPercent($"{at}.partition", strategy.Partition, errors);
        CommonValidation.IntOrPercent($"{at}.maxUnavailable", strategy.MaxUnavailable, errors);
        CommonValidation.IntOrPercent($"{at}.maxSurge", strategy.MaxSurge, errors);
        UpdateStrategyValidation.MaxSurgeAndUnavailable(at, strategy.MaxSurge, strategy.MaxUnavailable, errors);
        if (strategy.Type == CloneSetUpdateStrategyTypes.InPlaceOnly && IntOrStringValues.IsNonZero(strategy.MaxSurge))
            errors.Add(new($"{at}.maxSurge", "must be 0 with InPlaceOnly"));
        UpdateStrategyValidation.PriorityStrategy($"{at}.priorityStrategy", strategy.PriorityStrategy, errors);
        UpdateStrategyValidation.ScatterStrategy($"{at}.scatterStrategy", strategy.ScatterStrategy, errors);
        CommonValidation.NonNegative($"{at}.inPlaceUpdateStrategy.gracePeriodSeconds", strategy.InPlaceUpdateStrategy?.GracePeriodSeconds, errors);
    }
}
