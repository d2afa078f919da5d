using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in a WorkloadSpread, each error naming its field.</summary>
public static class WorkloadSpreadValidation
{
    /// <summary>Workload kinds a WorkloadSpread may target, with the API groups each may come from.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> SupportedTargets = new Dictionary<string, string[]>
    {
        ["CloneSet"] = [KruiseGroups.Apps],
        ["Deployment"] = ["apps"],
        ["ReplicaSet"] = ["apps"],
        ["Job"] = ["batch"],
        ["StatefulSet"] = ["apps", KruiseGroups.Apps],
    };

    /// <summary>How long a subset stays unschedulable before it is retried; bounds rescheduleCriticalSeconds.</summary>
    public const int MaxScheduledFailedSeconds = 300;

    public static IReadOnlyList<FieldError> Validate(WorkloadSpread workloadSpread)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(workloadSpread.Metadata, errors);
        var spec = workloadSpread.Spec;
        ValidateTargetRef(spec.TargetRef, errors);
        ValidateSubsets(spec, errors);
        ValidateScheduleStrategy(spec, errors);
        if (spec.TargetFilter is { } filter)
        {
            CommonValidation.Selector("spec.targetFilter.selector", filter.Selector, errors, required: false);
            for (var i = 0; i < (filter.ReplicasPathList?.Count ?? 0); i++)
            {
                if (string.IsNullOrWhiteSpace(filter.ReplicasPathList![i]))
                    errors.Add(new($"spec.targetFilter.replicasPathList[{i}]", "must not be empty"));
            }
        }
        return errors;
    }

    /// <summary>The target workload (group, kind and name) may not change; its version may.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(WorkloadSpread oldSpread, WorkloadSpread newSpread)
    {
        var errors = Validate(newSpread).ToList();
        if (oldSpread.Spec.TargetRef is { } before && newSpread.Spec.TargetRef is { } after
            && (GroupOf(before.ApiVersion) != GroupOf(after.ApiVersion) || before.Kind != after.Kind || before.Name != after.Name))
            errors.Add(new("spec.targetRef", "may not be changed"));
        return errors;
    }

    /// <summary>The API group of an apiVersion ("apps/v1" -> "apps", "v1" -> ""); null when malformed.</summary>
    public static string? GroupOf(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
            return "";
        var parts = apiVersion.Split('/');
        return parts.Length switch
        {
            1 => "",
            2 when parts[0].Length > 0 && parts[1].Length > 0 => parts[0],
            _ => null,
        };
    }

    private static void ValidateTargetRef(WorkloadSpreadTargetReference? target, List<FieldError> errors)
    {
        const string at = "spec.targetRef";
        if (target is null)
        {
            errors.Add(new(at, "is required"));
            return;
        }
        if (string.IsNullOrEmpty(target.ApiVersion) || string.IsNullOrEmpty(target.Kind) || string.IsNullOrEmpty(target.Name))
        {
            errors.Add(new(at, "apiVersion, kind and name are required"));
            return;
        }
        var group = GroupOf(target.ApiVersion);
        if (group is null)
            errors.Add(new($"{at}.apiVersion", $"invalid value \"{target.ApiVersion}\": must be group/version or version"));
        else if (!SupportedTargets.TryGetValue(target.Kind, out var groups))
            errors.Add(new($"{at}.kind", $"unsupported value \"{target.Kind}\": must be one of {string.Join(", ", SupportedTargets.Keys)}"));
        else if (!groups.Contains(group))
            errors.Add(new($"{at}.apiVersion", $"invalid group \"{group}\" for kind {target.Kind}: must be {string.Join(" or ", groups)}"));
    }

    private static void ValidateSubsets(WorkloadSpreadSpec spec, List<FieldError> errors)
    {
        const string at = "spec.subsets";
        var subsets = spec.Subsets ?? [];
        if (subsets.Count == 0)
        {
            errors.Add(new(at, "must have at least one subset"));
            return;
        }
        CommonValidation.UniqueNames(at, subsets.Select(s => s.Name), errors, ".name");
        for (var i = 0; i < subsets.Count; i++)
        {
            var subset = subsets[i];
            SchedulingValidation.NodeSelectorTerm($"{at}[{i}].requiredNodeSelectorTerm", subset.RequiredNodeSelectorTerm, errors);
            SchedulingValidation.PreferredSchedulingTerms($"{at}[{i}].preferredNodeSelectorTerms", subset.PreferredNodeSelectorTerms, errors);
            SchedulingValidation.Tolerations($"{at}[{i}].tolerations", subset.Tolerations, errors);
            if (subset.Patch is not null && subset.Patch.Value is not JsonObject)
                errors.Add(new($"{at}[{i}].patch", "must be a JSON object"));
        }
        ValidateMaxReplicas(spec, subsets, errors);
    }

    // Every maxReplicas is an int, or every one a percentage; percentages add up to 100% unless the
    // last subset is left open to take the rest.
    private static void ValidateMaxReplicas(WorkloadSpreadSpec spec, IList<WorkloadSpreadSubset> subsets, List<FieldError> errors)
    {
        bool? percents = null;
        var sum = 0;
        var before = errors.Count;
        for (var i = 0; i < subsets.Count; i++)
        {
            var at = $"spec.subsets[{i}].maxReplicas";
            var max = subsets[i].MaxReplicas;
            if (max is null)
                continue;
            var errorsBefore = errors.Count;
            CommonValidation.IntOrPercent(at, max, errors);
            if (errors.Count > errorsBefore || !IntOrStringValues.TryParse(max, out var number, out var isPercent))
                continue;
            if (isPercent && spec.TargetRef?.Kind == "StatefulSet")
                errors.Add(new(at, "must be an integer for a StatefulSet"));
            else if (percents is { } first && first != isPercent)
                errors.Add(new(at, "must be of the same type (integer or percentage) in every subset"));
            percents ??= isPercent;
            if (isPercent && (sum += number) > 100 && sum - number <= 100)
                errors.Add(new(at, "percentages over all subsets must not exceed 100%"));
        }
        if (errors.Count == before && percents == true && sum < 100 && subsets[^1].MaxReplicas is not null)
            errors.Add(new("spec.subsets", "maxReplicas percentages must sum to 100% unless the last subset leaves maxReplicas unset"));
    }

    private static void ValidateScheduleStrategy(WorkloadSpreadSpec spec, List<FieldError> errors)
    {
        const string at = "spec.scheduleStrategy";
        var strategy = spec.ScheduleStrategy;
        if (strategy is null)
            return;
        if (!string.IsNullOrEmpty(strategy.Type) && strategy.Type is not (WorkloadSpreadScheduleStrategyTypes.Fixed or WorkloadSpreadScheduleStrategyTypes.Adaptive))
            errors.Add(new($"{at}.type", $"unsupported value \"{strategy.Type}\": must be one of Fixed, Adaptive"));
        if (strategy.Adaptive is not { } adaptive)
            return;
        if (strategy.Type != WorkloadSpreadScheduleStrategyTypes.Adaptive)
            errors.Add(new($"{at}.type", "must be Adaptive when scheduleStrategy.adaptive is set"));
        var subsets = spec.Subsets ?? [];
        if (subsets.Count > 1 && subsets[^1].MaxReplicas is not null)
            errors.Add(new($"{at}.adaptive", "the last subset must leave maxReplicas unset with the Adaptive strategy"));
        // A pod may be moved once per subset; all moves must fit in the time a subset stays unschedulable.
        var allowed = subsets.Count > 1 ? (MaxScheduledFailedSeconds - 5) / (subsets.Count - 1) : int.MaxValue;
        CommonValidation.InRange($"{at}.adaptive.rescheduleCriticalSeconds", adaptive.RescheduleCriticalSeconds, 0, allowed, errors);
    }
}
