using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps.Pub;

/// <summary>Validation of the update-strategy pieces CloneSet, Advanced StatefulSet and Advanced DaemonSet share.</summary>
public static class UpdateStrategyValidation
{
    /// <summary>Both zero would let the rollout make no progress at all.</summary>
    public static void MaxSurgeAndUnavailable(string path, IntOrString? maxSurge, IntOrString? maxUnavailable, List<FieldError> errors)
    {
        if (maxSurge is null || maxUnavailable is null)
            return;
        if (IntOrStringValues.TryParse(maxSurge, out var surge, out _) && surge == 0
            && IntOrStringValues.TryParse(maxUnavailable, out var unavailable, out _) && unavailable == 0)
            errors.Add(new($"{path}.maxUnavailable", "may not be 0 when maxSurge is 0"));
    }

    public static void PriorityStrategy(string path, UpdatePriorityStrategy? strategy, List<FieldError> errors)
    {
        if (strategy is null)
            return;
        var weights = strategy.WeightPriority ?? [];
        var orders = strategy.OrderPriority ?? [];
        if (weights.Count > 0 && orders.Count > 0)
            errors.Add(new(path, "only one of weightPriority and orderPriority can be used"));
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i].Weight is < 1 or > 100)
                errors.Add(new($"{path}.weightPriority[{i}].weight", "must be in the range 1-100"));
            if (LabelSelectors.IsEmpty(weights[i].MatchSelector))
                errors.Add(new($"{path}.weightPriority[{i}].matchSelector", "must not be empty"));
            else
                CommonValidation.Selector($"{path}.weightPriority[{i}].matchSelector", weights[i].MatchSelector, errors);
        }
        for (var i = 0; i < orders.Count; i++)
        {
            if (string.IsNullOrEmpty(orders[i].OrderedKey))
                errors.Add(new($"{path}.orderPriority[{i}].orderedKey", "is required"));
        }
    }

    public static void ScatterStrategy(string path, IList<UpdateScatterTerm>? terms, List<FieldError> errors)
    {
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < (terms?.Count ?? 0); i++)
        {
            var term = terms![i];
            if (string.IsNullOrEmpty(term.Key) || string.IsNullOrEmpty(term.Value))
                errors.Add(new($"{path}[{i}]", "key and value are required"));
            else if (!seen.Add((term.Key, term.Value)))
                errors.Add(new($"{path}[{i}]", $"duplicate term {term.Key}={term.Value}"));
        }
    }

    /// <summary>
    /// With InPlaceOnly a template edit may only replace container images (the pod spec is compared;
    /// labels and annotations may change), since anything else would need the pod recreated.
    /// </summary>
    public static void InPlaceOnlyTemplate(string path, V1PodTemplateSpec? oldTemplate, V1PodTemplateSpec? newTemplate, List<FieldError> errors)
    {
        var before = oldTemplate?.Spec;
        if (before is null || newTemplate?.Spec is null)
            return;
        var masked = ObjectCopy.Clone(newTemplate.Spec);
        var oldContainers = before.Containers ?? [];
        var newContainers = masked.Containers ?? [];
        if (oldContainers.Count == newContainers.Count)
        {
            for (var i = 0; i < newContainers.Count; i++)
                newContainers[i].Image = oldContainers[i].Image;
        }
        if (!CommonValidation.SameJson(before, masked))
            errors.Add(new($"{path}.spec", "only container images may change when the update policy is InPlaceOnly"));
    }

    public static void Lifecycle(string path, Lifecycle? lifecycle, List<FieldError> errors)
    {
        Hook($"{path}.preDelete", lifecycle?.PreDelete, errors);
        Hook($"{path}.inPlaceUpdate", lifecycle?.InPlaceUpdate, errors);
        Hook($"{path}.preNormal", lifecycle?.PreNormal, errors);
    }

    private static void Hook(string path, LifecycleHook? hook, List<FieldError> errors)
    {
        foreach (var (key, _) in hook?.LabelsHandler ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(key))
                errors.Add(new($"{path}.labelsHandler", "label keys must not be empty"));
        }
        for (var i = 0; i < (hook?.FinalizersHandler?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(hook!.FinalizersHandler![i]))
                errors.Add(new($"{path}.finalizersHandler[{i}]", "must not be empty"));
        }
    }
}
