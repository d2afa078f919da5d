using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>What the admission webhook rejects in an Advanced StatefulSet, each error naming its field.</summary>
public static partial class StatefulSetValidation
{
    public const int MaxMinReadySeconds = 300;

    private static readonly string[] PodManagement = [PodManagementPolicies.OrderedReady, PodManagementPolicies.Parallel];
    private static readonly string[] UpdateTypes = [StatefulSetUpdateStrategyTypes.RollingUpdate, StatefulSetUpdateStrategyTypes.OnDelete];
    private static readonly string[] PodUpdates = [PodUpdatePolicies.ReCreate, PodUpdatePolicies.InPlaceIfPossible, PodUpdatePolicies.InPlaceOnly];
    private static readonly string[] Retention = [ClaimRetentionPolicies.Retain, ClaimRetentionPolicies.Delete];
    private static readonly string[] ClaimUpdates = [VolumeClaimUpdateStrategyTypes.OnPodRollingUpdate, VolumeClaimUpdateStrategyTypes.OnDelete];

    [GeneratedRegex("^([0-9]+)-([0-9]+)$")]
    private static partial Regex OrdinalRange();

    public static IReadOnlyList<FieldError> Validate(StatefulSet statefulSet)
    {
        var errors = new List<FieldError>();
        CommonValidation.ObjectName(statefulSet.Metadata, errors);
        var spec = statefulSet.Spec;
        CommonValidation.NonNegative("spec.replicas", spec.Replicas, errors);
        CommonValidation.Selector("spec.selector", spec.Selector, errors);
        CommonValidation.PodTemplate("spec.template", spec.Template, errors, ["Always"]);
        CommonValidation.SelectorMatchesTemplate("spec.selector", spec.Selector, spec.Template, errors);
        CommonValidation.NoActiveDeadline("spec.template", spec.Template, errors);
        CommonValidation.OneOf("spec.podManagementPolicy", spec.PodManagementPolicy, PodManagement, errors);
        CommonValidation.NonNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit, errors);
        CommonValidation.NonNegative("spec.ordinals.start", spec.Ordinals?.Start, errors);
        ValidateReserveOrdinals(spec.ReserveOrdinals, errors);
        ValidateClaimTemplates(spec.VolumeClaimTemplates, errors);
        CommonValidation.OneOf("spec.volumeClaimUpdateStrategy.type", spec.VolumeClaimUpdateStrategy?.Type, ClaimUpdates, errors);
        CommonValidation.OneOf("spec.persistentVolumeClaimRetentionPolicy.whenDeleted", spec.PersistentVolumeClaimRetentionPolicy?.WhenDeleted, Retention, errors);
        CommonValidation.OneOf("spec.persistentVolumeClaimRetentionPolicy.whenScaled", spec.PersistentVolumeClaimRetentionPolicy?.WhenScaled, Retention, errors);
        MaxUnavailable("spec.scaleStrategy.maxUnavailable", spec.ScaleStrategy?.MaxUnavailable, spec, errors);
        ValidateUpdateStrategy(spec, errors);
        UpdateStrategyValidation.Lifecycle("spec.lifecycle", spec.Lifecycle, errors);
        return errors;
    }

    /// <summary>
    /// Besides what Validate checks: selector, serviceName and podManagementPolicy are fixed; claim
    /// templates only resize under OnPodRollingUpdate; InPlaceOnly allows only image changes.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(StatefulSet oldStatefulSet, StatefulSet newStatefulSet)
    {
        var errors = Validate(newStatefulSet).ToList();
        var (before, after) = (oldStatefulSet.Spec, newStatefulSet.Spec);
        CommonValidation.Immutable("spec.selector", before.Selector, after.Selector, errors);
        CommonValidation.Immutable("spec.serviceName", before.ServiceName, after.ServiceName, errors);
        CommonValidation.Immutable("spec.podManagementPolicy", before.PodManagementPolicy, after.PodManagementPolicy, errors);
        if (after.VolumeClaimUpdateStrategy?.Type == VolumeClaimUpdateStrategyTypes.OnPodRollingUpdate)
            ValidateClaimResizeOnly(before.VolumeClaimTemplates ?? [], after.VolumeClaimTemplates ?? [], errors);
        if (after.UpdateStrategy?.RollingUpdate?.PodUpdatePolicy == PodUpdatePolicies.InPlaceOnly)
            UpdateStrategyValidation.InPlaceOnlyTemplate("spec.template", before.Template, after.Template, errors);
        return errors;
    }

    private static void ValidateUpdateStrategy(StatefulSetSpec spec, List<FieldError> errors)
    {
        var strategy = spec.UpdateStrategy;
        if (strategy is null)
            return;
        CommonValidation.OneOf("spec.updateStrategy.type", strategy.Type, UpdateTypes, errors);
        var rolling = strategy.RollingUpdate;
        if (rolling is null)
            return;
        const string at = "spec.updateStrategy.rollingUpdate";
        if (strategy.Type == StatefulSetUpdateStrategyTypes.OnDelete)
        {
            errors.Add(new(at, "may only be set when type is RollingUpdate"));
            return;
        }
        CommonValidation.NonNegative($"{at}.partition", rolling.Partition, errors);
        CommonValidation.InRange($"{at}.minReadySeconds", rolling.MinReadySeconds, 0, MaxMinReadySeconds, errors);
        MaxUnavailable($"{at}.maxUnavailable", rolling.MaxUnavailable, spec, errors);
        CommonValidation.OneOf($"{at}.podUpdatePolicy", rolling.PodUpdatePolicy, PodUpdates, errors);
        if (rolling.PodUpdatePolicy is PodUpdatePolicies.InPlaceIfPossible or PodUpdatePolicies.InPlaceOnly
            && !(spec.Template?.Spec?.ReadinessGates ?? []).Any(g => g.ConditionType == InPlaceUpdateKeys.ReadinessGate))
            errors.Add(new("spec.template.spec.readinessGates", $"must contain {InPlaceUpdateKeys.ReadinessGate} when podUpdatePolicy is {rolling.PodUpdatePolicy}"));
        if (rolling.UnorderedUpdate is { } unordered)
        {
            if (spec.PodManagementPolicy != PodManagementPolicies.Parallel)
                errors.Add(new($"{at}.unorderedUpdate", "requires podManagementPolicy Parallel"));
            UpdateStrategyValidation.PriorityStrategy($"{at}.unorderedUpdate.priorityStrategy", unordered.PriorityStrategy, errors);
        }
        CommonValidation.NonNegative($"{at}.inPlaceUpdateStrategy.gracePeriodSeconds", rolling.InPlaceUpdateStrategy?.GracePeriodSeconds, errors);
    }

    /// <summary>At least one pod (percentages round up against 1), and more than one only with Parallel.</summary>
    private static void MaxUnavailable(string path, IntOrString? value, StatefulSetSpec spec, List<FieldError> errors)
    {
        if (value is null)
            return;
        var before = errors.Count;
        CommonValidation.IntOrPercent(path, value, errors);
        if (errors.Count > before)
            return;
        if (IntOrStringValues.Scaled(value, 1, roundUp: true) < 1)
            errors.Add(new(path, "must be at least 1"));
        else if (spec.PodManagementPolicy != PodManagementPolicies.Parallel
                 && !(IntOrStringValues.TryParse(value, out var number, out var isPercent) && !isPercent && number == 1))
            errors.Add(new(path, "must be 1 unless podManagementPolicy is Parallel"));
    }

    private static void ValidateReserveOrdinals(IList<IntOrString>? ordinals, List<FieldError> errors)
    {
        for (var i = 0; i < (ordinals?.Count ?? 0); i++)
        {
            var at = $"spec.reserveOrdinals[{i}]";
            var value = ordinals![i];
            if (IntOrStringValues.TryParse(value, out var number, out var isPercent) && !isPercent)
            {
                CommonValidation.NonNegative(at, number, errors);
                continue;
            }
            var range = OrdinalRange().Match(value.Value ?? "");
            if (!range.Success || !int.TryParse(range.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(range.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var end))
                errors.Add(new(at, $"invalid value \"{value.Value}\": must be an ordinal or a range such as \"3-5\""));
            else if (start > end)
                errors.Add(new(at, $"invalid range \"{value.Value}\": start must not be greater than end"));
        }
    }

    /// <summary>Claims are named "&lt;template&gt;-&lt;pod&gt;", so every template needs a unique, valid name.</summary>
    private static void ValidateClaimTemplates(IList<V1PersistentVolumeClaim>? claims, List<FieldError> errors)
    {
        claims ??= [];
        CommonValidation.UniqueNames("spec.volumeClaimTemplates", claims.Select(c => c.Metadata?.Name), errors, ".metadata.name");
        for (var i = 0; i < claims.Count; i++)
        {
            var name = claims[i].Metadata?.Name;
            if (!string.IsNullOrEmpty(name) && !CommonValidation.IsDns1123Subdomain(name))
                errors.Add(new($"spec.volumeClaimTemplates[{i}].metadata.name", $"invalid value \"{name}\": must be a lowercase RFC 1123 subdomain"));
        }
    }

    /// <summary>Under OnPodRollingUpdate templates may only change their storage size, never come or go.</summary>
    private static void ValidateClaimResizeOnly(IList<V1PersistentVolumeClaim> before, IList<V1PersistentVolumeClaim> after, List<FieldError> errors)
    {
        if (before.Count != after.Count)
        {
            errors.Add(new("spec.volumeClaimTemplates", "templates may not be added or removed when volumeClaimUpdateStrategy is OnPodRollingUpdate"));
            return;
        }
        for (var i = 0; i < after.Count; i++)
        {
            var old = before.FirstOrDefault(c => c.Metadata?.Name == after[i].Metadata?.Name);
            if (old is null)
                errors.Add(new($"spec.volumeClaimTemplates[{i}].metadata.name", "templates may not be renamed when volumeClaimUpdateStrategy is OnPodRollingUpdate"));
            else if (!CommonValidation.SameJson(WithoutStorage(old), WithoutStorage(after[i])))
                errors.Add(new($"spec.volumeClaimTemplates[{i}]", "only the storage size may change when volumeClaimUpdateStrategy is OnPodRollingUpdate"));
        }
    }

    private static V1PersistentVolumeClaim WithoutStorage(V1PersistentVolumeClaim claim)
    {
        var copy = ObjectCopy.Clone(claim);
        copy.Spec?.Resources?.Requests?.Remove("storage");
        copy.Spec?.Resources?.Limits?.Remove("storage");
        copy.Status = null;
        return copy;
    }
}
