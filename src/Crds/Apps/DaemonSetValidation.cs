using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in an Advanced DaemonSet, each error naming its field.</summary>
public static class DaemonSetValidation
{
    private static readonly string[] UpdateTypes = [DaemonSetUpdateStrategyTypes.RollingUpdate, DaemonSetUpdateStrategyTypes.OnDelete];
    private static readonly string[] RollingTypes =
        [DaemonSetRollingUpdateTypes.Standard, DaemonSetRollingUpdateTypes.InPlaceIfPossible, DaemonSetRollingUpdateTypes.Surging];

    public static IReadOnlyList<FieldError> Validate(DaemonSet daemonSet)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(daemonSet.Metadata, errors);
        var spec = daemonSet.Spec;
        CommonValidation.Selector("spec.selector", spec.Selector, errors);
        CommonValidation.PodTemplate("spec.template", spec.Template, errors, ["Always"]);
        CommonValidation.SelectorMatchesTemplate("spec.selector", spec.Selector, spec.Template, errors);
        CommonValidation.NoActiveDeadline("spec.template", spec.Template, errors);
        CommonValidation.NonNegative("spec.minReadySeconds", spec.MinReadySeconds, errors);
        CommonValidation.NonNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit, errors);
        CommonValidation.IntOrPercent("spec.burstReplicas", spec.BurstReplicas, errors);
        if (spec.Lifecycle?.InPlaceUpdate is not null)
            errors.Add(new("spec.lifecycle.inPlaceUpdate", "is not supported for DaemonSet"));
        UpdateStrategyValidation.Lifecycle("spec.lifecycle", spec.Lifecycle, errors);
        ValidateUpdateStrategy(spec.UpdateStrategy, errors);
        return errors;
    }

    /// <summary>Besides what Validate checks, the selector is fixed once the DaemonSet exists.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(DaemonSet oldDaemonSet, DaemonSet newDaemonSet)
    {
        var errors = Validate(newDaemonSet).ToList();
        CommonValidation.Immutable("spec.selector", oldDaemonSet.Spec.Selector, newDaemonSet.Spec.Selector, errors);
        return errors;
    }

    private static void ValidateUpdateStrategy(DaemonSetUpdateStrategy? strategy, List<FieldError> errors)
    {
        if (strategy is null)
            return;
        CommonValidation.OneOf("spec.updateStrategy.type", strategy.Type, UpdateTypes, errors);
        var rolling = strategy.RollingUpdate;
        if (rolling is null)
            return;
        const string at = "spec.updateStrategy.rollingUpdate";
        if (strategy.Type == DaemonSetUpdateStrategyTypes.OnDelete)
        {
            errors.Add(new(at, "may only be set when type is RollingUpdate"));
            return;
        }
        CommonValidation.OneOf($"{at}.rollingUpdateType", rolling.RollingUpdateType, RollingTypes, errors);
        CommonValidation.IntOrPercent($"{at}.partition", rolling.Partition, errors);
        CommonValidation.Selector($"{at}.selector", rolling.Selector, errors, required: false);
        var before = errors.Count;
        CommonValidation.IntOrPercent($"{at}.maxUnavailable", rolling.MaxUnavailable, errors);
        CommonValidation.IntOrPercent($"{at}.maxSurge", rolling.MaxSurge, errors);
        if (errors.Count > before)
            return;

        // A node either gets its new pod before the old one goes (surge) or after (unavailable), not both.
        var hasUnavailable = IntOrStringValues.IsNonZero(rolling.MaxUnavailable);
        var hasSurge = IntOrStringValues.IsNonZero(rolling.MaxSurge);
        if (hasUnavailable && hasSurge)
            errors.Add(new($"{at}.maxSurge", "may not be set when maxUnavailable is non-zero"));
        else if (!hasUnavailable && !hasSurge && (rolling.MaxUnavailable is not null || rolling.MaxSurge is not null))
            errors.Add(new($"{at}.maxUnavailable", "may not be 0 when maxSurge is 0"));
        if (rolling.RollingUpdateType == DaemonSetRollingUpdateTypes.InPlaceIfPossible && hasSurge)
            errors.Add(new($"{at}.maxSurge", "must be 0 with InPlaceIfPossible"));
        if (rolling.RollingUpdateType == DaemonSetRollingUpdateTypes.Surging && hasUnavailable)
            errors.Add(new($"{at}.maxUnavailable", "must be 0 with Surging"));
    }
}
