using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>Checks of a UnitedDeployment's workload template, on create and on update.</summary>
internal static class UnitedDeploymentTemplateValidation
{
    private const string At = "spec.template";
    private const string Kinds = "statefulSetTemplate, advancedStatefulSetTemplate, cloneSetTemplate or deploymentTemplate";

    public static void Validate(UnitedDeploymentSpec spec, List<FieldError> errors)
    {
        var template = spec.Template;
        object?[] kinds = [template?.StatefulSetTemplate, template?.AdvancedStatefulSetTemplate, template?.CloneSetTemplate, template?.DeploymentTemplate];
        var count = kinds.Count(k => k is not null);
        if (count == 0)
            errors.Add(new(At, $"must set one of {Kinds}"));
        else if (count > 1)
            errors.Add(new(At, $"must set only one of {Kinds}"));
        if (template is null)
            return;
        var selector = spec.Selector;
        if (template.StatefulSetTemplate is { } statefulSet)
        {
            var workload = statefulSet.Spec;
            StatefulSet($"{At}.statefulSetTemplate", statefulSet.Metadata, workload is not null, workload?.Replicas,
                workload?.UpdateStrategy?.Type, workload?.UpdateStrategy?.RollingUpdate?.Partition, workload?.Template, selector, errors);
        }
        if (template.AdvancedStatefulSetTemplate is { } advanced)
        {
            var workload = advanced.Spec;
            StatefulSet($"{At}.advancedStatefulSetTemplate", advanced.Metadata, workload is not null, workload?.Replicas,
                workload?.UpdateStrategy?.Type, workload?.UpdateStrategy?.RollingUpdate?.Partition, workload?.Template, selector, errors);
        }
        if (template.CloneSetTemplate is { } cloneSet)
        {
            if (cloneSet.Spec is null)
                errors.Add(new($"{At}.cloneSetTemplate.spec", "is required"));
            else
                PodTemplate($"{At}.cloneSetTemplate.spec.template", cloneSet.Spec.Template, selector, errors);
        }
        if (template.DeploymentTemplate is { } deployment)
        {
            const string path = $"{At}.deploymentTemplate";
            Labels($"{path}.metadata.labels", deployment.Metadata, selector, errors);
            if (deployment.Spec is null)
                errors.Add(new($"{path}.spec", "is required"));
            else
            {
                if (deployment.Spec.Replicas is not null)
                    errors.Add(new($"{path}.spec.replicas", "must be unset: the UnitedDeployment sets each subset's replicas"));
                PodTemplate($"{path}.spec.template", deployment.Spec.Template, selector, errors);
            }
        }
    }

    /// <summary>A StatefulSet template may change its pod template and update strategy only; the rest would need new subsets.</summary>
    public static void ValidateUpdate(UnitedDeploymentTemplate? before, UnitedDeploymentTemplate? after, List<FieldError> errors)
    {
        const string message = "may only change template and updateStrategy";
        if (before?.StatefulSetTemplate?.Spec is { } oldSpec && after?.StatefulSetTemplate?.Spec is { } newSpec)
        {
            var rest = ObjectCopy.Clone(newSpec);
            (rest.Replicas, rest.Template, rest.UpdateStrategy) = (oldSpec.Replicas, oldSpec.Template, oldSpec.UpdateStrategy);
            if (!SemanticEquality.Equal(rest, oldSpec))
                errors.Add(new($"{At}.statefulSetTemplate.spec", message));
        }
        if (before?.AdvancedStatefulSetTemplate?.Spec is { } oldAdvanced && after?.AdvancedStatefulSetTemplate?.Spec is { } newAdvanced)
        {
            var rest = ObjectCopy.Clone(newAdvanced);
            (rest.Replicas, rest.Template, rest.UpdateStrategy) = (oldAdvanced.Replicas, oldAdvanced.Template, oldAdvanced.UpdateStrategy);
            if (!SemanticEquality.Equal(rest, oldAdvanced))
                errors.Add(new($"{At}.advancedStatefulSetTemplate.spec", message));
        }
    }

    // The checks apps/v1 and Advanced StatefulSet templates share, read from either spec type.
    private static void StatefulSet(string path, V1ObjectMeta? metadata, bool hasSpec, int? replicas, string? updateType, int? partition,
        V1PodTemplateSpec? podTemplate, V1LabelSelector? selector, List<FieldError> errors)
    {
        Labels($"{path}.metadata.labels", metadata, selector, errors);
        if (!hasSpec)
        {
            errors.Add(new($"{path}.spec", "is required"));
            return;
        }
        if (replicas is not null)
            errors.Add(new($"{path}.spec.replicas", "must be unset: the UnitedDeployment sets each subset's replicas"));
        if (updateType == StatefulSetUpdateStrategyTypes.RollingUpdate && partition is not null)
            errors.Add(new($"{path}.spec.updateStrategy.rollingUpdate.partition", "must be unset: the UnitedDeployment sets each subset's partition"));
        PodTemplate($"{path}.spec.template", podTemplate, selector, errors);
    }

    private static void PodTemplate(string path, V1PodTemplateSpec? template, V1LabelSelector? selector, List<FieldError> errors)
    {
        CommonValidation.PodTemplate(path, template, errors, ["Always"]);
        if (template is not null)
            Labels($"{path}.metadata.labels", template.Metadata, selector, errors);
    }

    private static void Labels(string path, V1ObjectMeta? metadata, V1LabelSelector? selector, List<FieldError> errors)
    {
        if (selector is not null && !LabelSelectors.IsEmpty(selector) && !LabelSelectors.Matches(selector, metadata?.Labels))
            errors.Add(new(path, "must match spec.selector"));
    }
}
