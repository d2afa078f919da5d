using System.Text.Json.Nodes;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in a UnitedDeployment, each error naming its field.</summary>
public static class UnitedDeploymentValidation
{
    private const string SubsetsPath = "spec.topology.subsets";

    public static IReadOnlyList<FieldError> Validate(UnitedDeployment unitedDeployment)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(unitedDeployment.Metadata, errors);
        var spec = unitedDeployment.Spec;
        CommonValidation.NonNegative("spec.replicas", spec.Replicas, errors);
        CommonValidation.Selector("spec.selector", spec.Selector, errors);
        UnitedDeploymentTemplateValidation.Validate(spec, errors);
        ValidateScheduleStrategy(spec, errors);
        ValidateSubsets(spec, errors);
        ValidateUpdateStrategy(spec, errors);
        CommonValidation.NonNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit, errors);
        return errors;
    }

    /// <summary>A subset's node selector and tolerations are fixed; so is a StatefulSet template beyond its pod template and update strategy.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(UnitedDeployment oldUnitedDeployment, UnitedDeployment newUnitedDeployment)
    {
        var errors = Validate(newUnitedDeployment).ToList();
        var oldSubsets = (oldUnitedDeployment.Spec.Topology?.Subsets ?? []).Where(s => s.Name is not null).ToDictionary(s => s.Name!, StringComparer.Ordinal);
        var subsets = newUnitedDeployment.Spec.Topology?.Subsets ?? [];
        for (var i = 0; i < subsets.Count; i++)
        {
            if (subsets[i].Name is not { } name || !oldSubsets.TryGetValue(name, out var before))
                continue;
            if (!SemanticEquality.Equal(before.NodeSelectorTerm, subsets[i].NodeSelectorTerm))
                errors.Add(new($"{SubsetsPath}[{i}].nodeSelectorTerm", "field is immutable"));
            if (!SemanticEquality.Equal(before.Tolerations, subsets[i].Tolerations))
                errors.Add(new($"{SubsetsPath}[{i}].tolerations", "field is immutable"));
        }
        UnitedDeploymentTemplateValidation.ValidateUpdate(oldUnitedDeployment.Spec.Template, newUnitedDeployment.Spec.Template, errors);
        return errors;
    }

    private static void ValidateScheduleStrategy(UnitedDeploymentSpec spec, List<FieldError> errors)
    {
        const string at = "spec.topology.scheduleStrategy";
        var strategy = spec.Topology?.ScheduleStrategy;
        if (strategy is null)
            return;
        if (!string.IsNullOrEmpty(strategy.Type) && strategy.Type is not (UnitedDeploymentScheduleStrategyTypes.Fixed or UnitedDeploymentScheduleStrategyTypes.Adaptive))
            errors.Add(new($"{at}.type", $"unsupported value \"{strategy.Type}\": must be one of Fixed, Adaptive"));
        CommonValidation.NonNegative($"{at}.adaptive.rescheduleCriticalSeconds", strategy.Adaptive?.RescheduleCriticalSeconds, errors);
        CommonValidation.NonNegative($"{at}.adaptive.unschedulableDuration", strategy.Adaptive?.UnschedulableDuration, errors);
        var template = spec.Template;
        if (IsAdaptive(spec) && strategy.Adaptive?.ReserveUnschedulablePods == true
            && (template?.StatefulSetTemplate is not null || template?.AdvancedStatefulSetTemplate is not null))
            errors.Add(new($"{at}.adaptive.reserveUnschedulablePods", "is supported only with deploymentTemplate or cloneSetTemplate"));
    }

    private static void ValidateSubsets(UnitedDeploymentSpec spec, List<FieldError> errors)
    {
        var subsets = spec.Topology?.Subsets ?? [];
        CommonValidation.UniqueNames(SubsetsPath, subsets.Select(s => s.Name), errors, ".name");
        for (var i = 0; i < subsets.Count; i++)
        {
            var subset = subsets[i];
            // Subset names become part of the subset workloads' names.
            if (!string.IsNullOrEmpty(subset.Name) && !CommonValidation.IsDns1123Label(subset.Name))
                errors.Add(new($"{SubsetsPath}[{i}].name", $"invalid value \"{subset.Name}\": must be a lowercase RFC 1123 label"));
            SchedulingValidation.NodeSelectorTerm($"{SubsetsPath}[{i}].nodeSelectorTerm", subset.NodeSelectorTerm, errors);
            SchedulingValidation.Tolerations($"{SubsetsPath}[{i}].tolerations", subset.Tolerations, errors);
            if (subset.Replicas is not null && IsAdaptive(spec))
                errors.Add(new($"{SubsetsPath}[{i}].replicas", "may not be set with the Adaptive schedule strategy: use minReplicas and maxReplicas"));
            if (subset.Patch is not null && subset.Patch.Value is not JsonObject)
                errors.Add(new($"{SubsetsPath}[{i}].patch", "must be a JSON object"));
        }
        ValidateSubsetReplicas(spec.Replicas, subsets, errors);
    }

    // Either fixed replicas per subset, or min/max ranges, never both. Fixed replicas may not add up
    // to more than spec.replicas (exactly to it when every subset sets one); ranges need spec.replicas
    // and one open-ended subset to take the rest.
    private static void ValidateSubsetReplicas(int? total, IList<UnitedDeploymentSubset> subsets, List<FieldError> errors)
    {
        long sum = 0, sumMin = 0, sumMax = 0;
        int withReplicas = 0, withMax = 0;
        var withRanges = false;
        for (var i = 0; i < subsets.Count; i++)
        {
            var subset = subsets[i];
            var at = $"{SubsetsPath}[{i}]";
            if (subset.Replicas is not null)
            {
                withReplicas++;
                sum += Resolve($"{at}.replicas", subset.Replicas, total, 0, errors);
            }
            var min = Resolve($"{at}.minReplicas", subset.MinReplicas, total, 0, errors);
            var max = Resolve($"{at}.maxReplicas", subset.MaxReplicas, total, int.MaxValue, errors);
            withRanges |= subset.MinReplicas is not null || subset.MaxReplicas is not null;
            withMax += subset.MaxReplicas is null ? 0 : 1;
            sumMin += min;
            sumMax += max;
            if (min > max)
                errors.Add(new($"{at}.minReplicas", "must not be greater than maxReplicas"));
        }
        if (withReplicas > 0 && withRanges)
            errors.Add(new(SubsetsPath, "replicas and minReplicas/maxReplicas are mutually exclusive: use one or the other"));
        else if (withRanges)
        {
            if (total is null)
                errors.Add(new("spec.replicas", "is required when subsets set minReplicas or maxReplicas"));
            if (withMax >= subsets.Count)
                errors.Add(new(SubsetsPath, "at least one subset must leave maxReplicas unset"));
            if (sumMin > sumMax)
                errors.Add(new(SubsetsPath, "the sum of minReplicas must not exceed the sum of maxReplicas"));
        }
        else if (total is { } replicas)
        {
            if (replicas < 0)
                return;
            if (sum > replicas)
                errors.Add(new(SubsetsPath, $"the sum of subset replicas ({sum}) must not exceed spec.replicas ({replicas})"));
            else if (withReplicas > 0 && withReplicas == subsets.Count && sum != replicas)
                errors.Add(new(SubsetsPath, $"when every subset sets replicas they must sum to spec.replicas ({replicas}), not {sum}"));
        }
        else if (withReplicas != subsets.Count)
            errors.Add(new(SubsetsPath, "every subset must set replicas when spec.replicas is unset"));
    }

    private static int Resolve(string path, IntOrString? value, int? total, int fallback, List<FieldError> errors)
    {
        if (value is null)
            return fallback;
        if (UnitedDeploymentReplicas.TryResolve(value, total, out var replicas, out var error))
            return replicas;
        errors.Add(new(path, error));
        return fallback;
    }

    private static void ValidateUpdateStrategy(UnitedDeploymentSpec spec, List<FieldError> errors)
    {
        var strategy = spec.UpdateStrategy;
        if (!string.IsNullOrEmpty(strategy?.Type) && strategy.Type != UnitedDeploymentUpdateStrategyTypes.Manual)
            errors.Add(new("spec.updateStrategy.type", $"unsupported value \"{strategy.Type}\": must be Manual"));
        var names = (spec.Topology?.Subsets ?? []).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (subset, partition) in strategy?.ManualUpdate?.Partitions ?? new Dictionary<string, int>())
        {
            var at = $"spec.updateStrategy.manualUpdate.partitions[{subset}]";
            if (!names.Contains(subset))
                errors.Add(new(at, $"no subset is named \"{subset}\""));
            CommonValidation.NonNegative(at, partition, errors);
        }
    }

    private static bool IsAdaptive(UnitedDeploymentSpec spec) =>
        spec.Topology?.ScheduleStrategy?.Type == UnitedDeploymentScheduleStrategyTypes.Adaptive;
}

/// <summary>How a subset's replicas, minReplicas or maxReplicas read against the UnitedDeployment's replicas.</summary>
public static class UnitedDeploymentReplicas
{
    /// <summary>
    /// An int as it is, or a percentage of spec.replicas rounded half up. A percentage needs
    /// spec.replicas; negative ints and percentages outside 0-100% are errors.
    /// </summary>
    public static bool TryResolve(IntOrString value, int? total, out int replicas, out string error)
    {
        replicas = 0;
        error = "";
        if (!IntOrStringValues.TryParse(value, out var number, out var isPercent))
            error = $"invalid value \"{value.Value}\": must be an integer or a percentage such as \"20%\"";
        else if (!isPercent && number < 0)
            error = "must be >= 0";
        else if (isPercent && number is < 0 or > 100)
            error = "must be between 0% and 100%";
        else if (isPercent && total is null)
            error = "a percentage needs spec.replicas to be set";
        else
            replicas = isPercent ? (int)Math.Round(total!.Value * number / 100.0, MidpointRounding.AwayFromZero) : number;
        return error.Length == 0;
    }
}
