using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// What the admission webhook rejects in a SidecarSet, each error naming its field. Checks that need
/// other objects (name clashes with other SidecarSets, the injected revision existing) belong to the webhook.
/// </summary>
public static partial class SidecarSetValidation
{
    private const int MaxNameLength = 63;
    private static readonly string[] UpdateTypes = [SidecarSetUpdateStrategyTypes.NotUpdate, SidecarSetUpdateStrategyTypes.RollingUpdate];
    private static readonly string[] InjectPolicies = [PodInjectPolicies.BeforeAppContainer, PodInjectPolicies.AfterAppContainer];
    private static readonly string[] UpgradeTypes = [SidecarUpgradeTypes.ColdUpgrade, SidecarUpgradeTypes.HotUpgrade];
    private static readonly string[] ShareTypes = [ShareVolumePolicyTypes.Enabled, ShareVolumePolicyTypes.Disabled];
    private static readonly string[] RevisionPolicies = [SidecarSetInjectRevisionPolicies.Always, SidecarSetInjectRevisionPolicies.Partial];
    private static readonly string[] PatchPolicies =
        [SidecarSetPatchPolicies.Retain, SidecarSetPatchPolicies.Overwrite, SidecarSetPatchPolicies.MergePatchJson];
    private static readonly string[] Modes = [TargetContainersModes.Sum, TargetContainersModes.Max];

    [GeneratedRegex("^[a-zA-Z0-9-]+$")]
    private static partial Regex NameFormat();

    [GeneratedRegex(@"^metadata\.name$|^metadata\.(labels|annotations)\['[^']+'\]$")]
    private static partial Regex SourceFieldPath();

    public static IReadOnlyList<FieldError> Validate(SidecarSet sidecarSet)
    {
        var errors = new List<FieldError>();
        ValidateName(sidecarSet.Metadata, errors);
        var spec = sidecarSet.Spec;
        CommonValidation.Selector("spec.selector", spec.Selector, errors);
        ValidateNamespaces(spec, errors);
        ValidateContainers(spec, errors);
        ValidateUpdateStrategy(spec, errors);
        ValidateInjectionStrategy(spec.InjectionStrategy, errors);
        ValidatePatchPodMetadata(spec.PatchPodMetadata, errors);
        CommonValidation.NonNegative("spec.revisionHistoryLimit", spec.RevisionHistoryLimit, errors);
        for (var i = 0; i < (spec.ImagePullSecrets?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(spec.ImagePullSecrets![i].Name))
                errors.Add(new($"spec.imagePullSecrets[{i}].name", "is required"));
        }
        return errors;
    }

    /// <summary>
    /// Besides what Validate checks: the sidecar containers are fixed by name (none added or renamed)
    /// and each keeps its upgradeType, since injected pods were built for it.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(SidecarSet oldSidecarSet, SidecarSet newSidecarSet)
    {
        var errors = Validate(newSidecarSet).ToList();
        var old = new Dictionary<string, SidecarContainer>(StringComparer.Ordinal);
        foreach (var container in oldSidecarSet.Spec.Containers ?? [])
            old.TryAdd(container.Name ?? "", container);
        var containers = newSidecarSet.Spec.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            if (!old.TryGetValue(containers[i].Name ?? "", out var before))
                errors.Add(new($"spec.containers[{i}].name", $"container \"{containers[i].Name}\" is not in the existing SidecarSet: containers cannot be added or renamed"));
            else if (before.UpgradeStrategy?.UpgradeType is { } type && type != containers[i].UpgradeStrategy?.UpgradeType)
                errors.Add(new($"spec.containers[{i}].upgradeStrategy.upgradeType", "field is immutable"));
        }
        return errors;
    }

    /// <summary>OpenKruise's own rule: letters (either case), digits and '-', at most 63 characters.</summary>
    private static void ValidateName(V1ObjectMeta? metadata, List<FieldError> errors)
    {
        var name = metadata?.Name;
        if (string.IsNullOrEmpty(name))
            CommonValidation.ObjectName(metadata, errors);
        else if (!NameFormat().IsMatch(name))
            errors.Add(new("metadata.name", $"invalid value \"{name}\": must consist of alphanumeric characters or '-'"));
        else if (name.Length > MaxNameLength)
            errors.Add(new("metadata.name", $"must be no more than {MaxNameLength} characters"));
    }

    private static void ValidateNamespaces(SidecarSetSpec spec, List<FieldError> errors)
    {
        if (spec.Namespace is { Length: > 0 } ns && !CommonValidation.IsDns1123Label(ns))
            errors.Add(new("spec.namespace", $"invalid value \"{ns}\": must be a namespace name"));
        if (spec.NamespaceSelector is null)
            return;
        if (!string.IsNullOrEmpty(spec.Namespace))
            errors.Add(new("spec.namespaceSelector", "may not be set together with namespace"));
        else
            CommonValidation.Selector("spec.namespaceSelector", spec.NamespaceSelector, errors);
    }

    private static void ValidateUpdateStrategy(SidecarSetSpec spec, List<FieldError> errors)
    {
        const string at = "spec.updateStrategy";
        var strategy = spec.UpdateStrategy ?? new SidecarSetUpdateStrategy();
        CommonValidation.OneOf($"{at}.type", strategy.Type, UpdateTypes, errors);
        if (strategy.Type == SidecarSetUpdateStrategyTypes.NotUpdate)
            return;
        // Native sidecars (init containers with restartPolicy Always) cannot be upgraded in place.
        if ((spec.InitContainers ?? []).Any(c => c.RestartPolicy == "Always"))
            errors.Add(new($"{at}.type", "must be NotUpdate when an initContainer has restartPolicy Always: init containers are not upgraded in place"));
        CommonValidation.IntOrPercent($"{at}.partition", strategy.Partition, errors);
        var before = errors.Count;
        CommonValidation.IntOrPercent($"{at}.maxUnavailable", strategy.MaxUnavailable, errors);
        if (errors.Count == before && strategy.MaxUnavailable is not null && !IntOrStringValues.IsNonZero(strategy.MaxUnavailable))
            errors.Add(new($"{at}.maxUnavailable", "may not be 0"));
        if (strategy.Selector is not null)
        {
            CommonValidation.Selector($"{at}.selector", strategy.Selector, errors);
            if (IntOrStringValues.IsNonZero(strategy.Partition))
                errors.Add(new($"{at}.partition", "may not be set together with selector"));
        }
        UpdateStrategyValidation.PriorityStrategy($"{at}.priorityStrategy", strategy.PriorityStrategy, errors);
        UpdateStrategyValidation.ScatterStrategy($"{at}.scatterStrategy", strategy.ScatterStrategy, errors);
    }

    private static void ValidateInjectionStrategy(SidecarSetInjectionStrategy? strategy, List<FieldError> errors)
    {
        if (strategy?.Revision is not { } revision)
            return;
        if (string.IsNullOrEmpty(revision.RevisionName) && string.IsNullOrEmpty(revision.CustomVersion))
            errors.Add(new("spec.injectionStrategy.revision", "revisionName or customVersion is required"));
        CommonValidation.OneOf("spec.injectionStrategy.revision.policy", revision.Policy, RevisionPolicies, errors);
    }

    private static void ValidatePatchPodMetadata(IList<SidecarSetPatchPodMetadata>? patches, List<FieldError> errors)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (patches?.Count ?? 0); i++)
        {
            var at = $"spec.patchPodMetadata[{i}]";
            var patch = patches![i];
            CommonValidation.OneOf($"{at}.patchPolicy", patch.PatchPolicy, PatchPolicies, errors);
            if ((patch.Annotations?.Count ?? 0) == 0)
                errors.Add(new($"{at}.annotations", "must not be empty"));
            foreach (var (key, value) in patch.Annotations ?? new Dictionary<string, string>())
            {
                if (!keys.Add(key))
                    errors.Add(new($"{at}.annotations", $"duplicate key \"{key}\": another patchPodMetadata entry already sets it"));
                if (patch.PatchPolicy == SidecarSetPatchPolicies.MergePatchJson && !IsJsonObject(value))
                    errors.Add(new(CommonValidation.Key($"{at}.annotations", key), "must be a JSON object with patchPolicy MergePatchJson"));
            }
        }
    }

    private static bool IsJsonObject(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
