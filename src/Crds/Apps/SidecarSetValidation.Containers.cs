using System.Text.RegularExpressions;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Apps;

public static partial class SidecarSetValidation
{
    private static void ValidateContainers(SidecarSetSpec spec, List<FieldError> errors)
    {
        var initContainers = spec.InitContainers ?? [];
        var containers = spec.Containers ?? [];
        if (initContainers.Count == 0 && containers.Count == 0)
            errors.Add(new("spec.containers", "at least one container or initContainer is required"));
        // Injected side by side into one pod, so names are unique across both lists.
        var names = new HashSet<string>(StringComparer.Ordinal);
        CommonValidation.Containers("spec.initContainers", initContainers, names, errors);
        CommonValidation.Containers("spec.containers", containers, names, errors);
        var volumes = ValidateVolumes(spec, errors);
        for (var i = 0; i < initContainers.Count; i++)
        {
            var at = $"spec.initContainers[{i}]";
            ValidateContainer(at, initContainers[i], volumes, errors);
            if (initContainers[i].ResourcesPolicy is not null && initContainers[i].RestartPolicy != "Always")
                errors.Add(new($"{at}.resourcesPolicy", "may only be set on an initContainer with restartPolicy Always"));
        }
        for (var i = 0; i < containers.Count; i++)
        {
            var at = $"spec.containers[{i}]";
            var container = containers[i];
            ValidateContainer(at, container, volumes, errors);
            CommonValidation.OneOf($"{at}.podInjectPolicy", container.PodInjectPolicy, InjectPolicies, errors);
            CommonValidation.OneOf($"{at}.shareVolumePolicy.type", container.ShareVolumePolicy?.Type, ShareTypes, errors);
            CommonValidation.OneOf($"{at}.shareVolumeDevicePolicy.type", container.ShareVolumeDevicePolicy?.Type, ShareTypes, errors);
        }
    }

    private static void ValidateContainer(string at, SidecarContainer container, HashSet<string> volumes, List<FieldError> errors)
    {
        var upgrade = container.UpgradeStrategy;
        CommonValidation.OneOf($"{at}.upgradeStrategy.upgradeType", upgrade?.UpgradeType, UpgradeTypes, errors);
        if (upgrade?.UpgradeType == SidecarUpgradeTypes.HotUpgrade && string.IsNullOrWhiteSpace(upgrade.HotUpgradeEmptyImage))
            errors.Add(new($"{at}.upgradeStrategy.hotUpgradeEmptyImage", "is required with upgradeType HotUpgrade"));
        for (var j = 0; j < (container.VolumeMounts?.Count ?? 0); j++)
        {
            var name = container.VolumeMounts![j].Name;
            if (!volumes.Contains(name ?? ""))
                errors.Add(new($"{at}.volumeMounts[{j}].name", $"not found: no volume \"{name}\" in spec.volumes"));
        }
        for (var j = 0; j < (container.TransferEnv?.Count ?? 0); j++)
            ValidateTransferEnv($"{at}.transferEnv[{j}]", container.TransferEnv![j], errors);
        if (container.ResourcesPolicy is { } policy)
            ValidateResourcesPolicy($"{at}.resourcesPolicy", container, policy, errors);
    }

    private static void ValidateTransferEnv(string at, TransferEnvVar transfer, List<FieldError> errors)
    {
        var fieldRef = transfer.SourceContainerNameFrom?.FieldRef;
        if (string.IsNullOrEmpty(transfer.SourceContainerName) && fieldRef is null)
            errors.Add(new(at, "sourceContainerName or sourceContainerNameFrom.fieldRef is required"));
        if (string.IsNullOrEmpty(transfer.EnvName) && (transfer.EnvNames?.Count ?? 0) == 0)
            errors.Add(new(at, "envName or envNames is required"));
        if (fieldRef is not null && !SourceFieldPath().IsMatch(fieldRef.FieldPath ?? ""))
            errors.Add(new($"{at}.sourceContainerNameFrom.fieldRef.fieldPath",
                $"unsupported value \"{fieldRef.FieldPath}\": must be metadata.name, metadata.labels['<key>'] or metadata.annotations['<key>']"));
    }

    private static void ValidateResourcesPolicy(string at, SidecarContainer container, ResourcesPolicy policy, List<FieldError> errors)
    {
        if ((container.Resources?.Limits?.Count ?? 0) + (container.Resources?.Requests?.Count ?? 0) > 0)
        {
            errors.Add(new(at, "may not be set together with resources"));
            return;
        }
        if (policy.TargetContainersMode is null)
            errors.Add(new($"{at}.targetContainersMode", "is required"));
        CommonValidation.OneOf($"{at}.targetContainersMode", policy.TargetContainersMode, Modes, errors);
        if (policy.TargetContainersNameRegex is { } pattern && !IsRegex(pattern))
            errors.Add(new($"{at}.targetContainersNameRegex", $"invalid value \"{pattern}\": must be a non-empty regular expression"));
        if (policy.ResourcesExpr is null)
            errors.Add(new($"{at}.resourcesExpr", "is required"));
        else if (policy.ResourcesExpr.Limits is null && policy.ResourcesExpr.Requests is null)
            errors.Add(new($"{at}.resourcesExpr", "limits or requests is required"));
    }

    private static bool IsRegex(string pattern)
    {
        if (pattern.Length == 0)
            return false;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Volume names must be unique labels; returns them for the containers' volumeMounts.</summary>
    private static HashSet<string> ValidateVolumes(SidecarSetSpec spec, List<FieldError> errors)
    {
        var volumes = spec.Volumes ?? [];
        CommonValidation.UniqueNames("spec.volumes", volumes.Select(v => v.Name), errors, ".name");
        for (var i = 0; i < volumes.Count; i++)
        {
            if (!string.IsNullOrEmpty(volumes[i].Name) && !CommonValidation.IsDns1123Label(volumes[i].Name))
                errors.Add(new($"spec.volumes[{i}].name", $"invalid value \"{volumes[i].Name}\": must be a lowercase RFC 1123 label"));
        }
        return volumes.Select(v => v.Name ?? "").ToHashSet(StringComparer.Ordinal);
    }
}
