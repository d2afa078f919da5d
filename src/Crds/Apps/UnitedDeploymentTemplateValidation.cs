using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>Checks of a UnitedDeployment's workload template, on create and on update.</summary>
internal static class UnitedDeploymentTemplateValidation
{
    private const string At = "spec.template";
    private const string Kinds = "statefulSetTemplate, advancedStatefulSetTemplate, cloneSetTemplate or deploymentTemplate";

    // The StatefulSet fields a template update may change; the others would need the subset recreated.
    private static readonly string[] MutableStatefulSetFields = ["replicas", "template", "updateStrategy"];

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
            StatefulSet($"{At}.statefulSetTemplate", statefulSet.Metadata, statefulSet.Spec, selector, errors);
        if (template.AdvancedStatefulSetTemplate is { } advanced && ReadAdvancedSpec($"{At}.advancedStatefulSetTemplate.spec", advanced.Spec, errors, out var advancedSpec))
            StatefulSet($"{At}.advancedStatefulSetTemplate", advanced.Metadata, advancedSpec, selector, errors);
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

    public static void ValidateUpdate(UnitedDeploymentTemplate? before, UnitedDeploymentTemplate? after, List<FieldError> errors)
    {
        const string message = "may only change template and updateStrategy";
        if (before?.StatefulSetTemplate?.Spec is { } oldSpec && after?.StatefulSetTemplate?.Spec is { } newSpec)
        {
            var rest = ObjectCopy.Clone(newSpec);
            rest.Replicas = oldSpec.Replicas;
            rest.Template = oldSpec.Template;
            rest.UpdateStrategy = oldSpec.UpdateStrategy;
            if (!SemanticEquality.Equal(rest, oldSpec))
                errors.Add(new($"{At}.statefulSetTemplate.spec", message));
        }
        if (before?.AdvancedStatefulSetTemplate?.Spec?.Value is JsonObject oldRaw && after?.AdvancedStatefulSetTemplate?.Spec?.Value is JsonObject newRaw
            && !SemanticEquality.Equal(WithoutMutableFields(oldRaw), WithoutMutableFields(newRaw)))
            errors.Add(new($"{At}.advancedStatefulSetTemplate.spec", message));
    }

    private static JsonObject WithoutMutableFields(JsonObject spec)
    {
        var copy = spec.DeepClone().AsObject();
        foreach (var field in MutableStatefulSetFields)
            copy.Remove(field);
        return copy;
    }

    private static void StatefulSet(string path, V1ObjectMeta? metadata, V1StatefulSetSpec? spec, V1LabelSelector? selector, List<FieldError> errors)
    {
        Labels($"{path}.metadata.labels", metadata, selector, errors);
        if (spec is null)
        {
            errors.Add(new($"{path}.spec", "is required"));
            return;
        }
        if (spec.Replicas is not null)
            errors.Add(new($"{path}.spec.replicas", "must be unset: the UnitedDeployment sets each subset's replicas"));
        if (spec.UpdateStrategy?.Type == "RollingUpdate" && spec.UpdateStrategy.RollingUpdate?.Partition is not null)
            errors.Add(new($"{path}.spec.updateStrategy.rollingUpdate.partition", "must be unset: the UnitedDeployment sets each subset's partition"));
        PodTemplate($"{path}.spec.template", spec.Template, selector, errors);
    }

    // The Advanced StatefulSet spec is held as raw JSON; its apps/v1 StatefulSet fields are read here.
    private static bool ReadAdvancedSpec(string path, RawExtension? raw, List<FieldError> errors, out V1StatefulSetSpec? spec)
    {
        spec = null;
        if (raw is null)
            return true;
        if (raw.Value is not JsonObject json)
        {
            errors.Add(new(path, "must be an object"));
            return false;
        }
        try
        {
            spec = KubernetesJson.Deserialize<V1StatefulSetSpec>(json.ToJsonString());
            return true;
        }
        catch (JsonException e)
        {
            errors.Add(new(path, $"invalid value: {e.Message}"));
            return false;
        }
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
