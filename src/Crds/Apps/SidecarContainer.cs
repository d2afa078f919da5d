using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// A container a SidecarSet injects: every field of a core container (inherited from V1Container, so
/// JSON and YAML carry them unchanged) plus how and when it is injected and upgraded.
/// </summary>
[PreserveUnknownFields]
public sealed record SidecarContainer : V1Container
{
    [JsonPropertyName("podInjectPolicy"), EnumValues(PodInjectPolicies.BeforeAppContainer, PodInjectPolicies.AfterAppContainer),
     Description("Put the sidecar before (default) or after the pod's own containers; init containers always go after.")]
    public string? PodInjectPolicy { get; set; }

    [JsonPropertyName("upgradeStrategy"), Description("How a new image of this sidecar reaches pods that already run it.")]
    public SidecarContainerUpgradeStrategy? UpgradeStrategy { get; set; }

    [JsonPropertyName("shareVolumePolicy"), Description("Whether the sidecar also mounts every volumeMount of the pod's own containers.")]
    public ShareVolumePolicy? ShareVolumePolicy { get; set; }

    [JsonPropertyName("shareVolumeDevicePolicy"), Description("Whether the sidecar also gets every volumeDevice of the pod's own containers.")]
    public ShareVolumePolicy? ShareVolumeDevicePolicy { get; set; }

    [JsonPropertyName("transferEnv"), Description("Environment variables copied into the sidecar from one of the pod's containers.")]
    public IList<TransferEnvVar>? TransferEnv { get; set; }

    [JsonPropertyName("resourcesPolicy"), Description("Compute the sidecar's resources from the pod's containers at injection; excludes resources.")]
    public ResourcesPolicy? ResourcesPolicy { get; set; }

    /// <summary>The plain core container to put in a pod, without the SidecarSet-only fields.</summary>
    public V1Container ToContainer() => KubernetesJson.Deserialize<V1Container>(KubernetesJson.Serialize(this));
}

public static class PodInjectPolicies
{
    public const string BeforeAppContainer = "BeforeAppContainer";
    public const string AfterAppContainer = "AfterAppContainer";
}

public sealed class SidecarContainerUpgradeStrategy
{
    [JsonPropertyName("upgradeType"), EnumValues(SidecarUpgradeTypes.ColdUpgrade, SidecarUpgradeTypes.HotUpgrade),
     Description("ColdUpgrade (default) restarts the sidecar with the new image; HotUpgrade starts a second copy and hands over.")]
    public string? UpgradeType { get; set; }

    [JsonPropertyName("hotUpgradeEmptyImage"), Description("For HotUpgrade: an image that behaves like the sidecar (same command, probes) but does no work.")]
    public string? HotUpgradeEmptyImage { get; set; }
}

public static class SidecarUpgradeTypes
{
    public const string ColdUpgrade = "ColdUpgrade";
    public const string HotUpgrade = "HotUpgrade";
}

public sealed class ShareVolumePolicy
{
    [JsonPropertyName("type"), EnumValues(ShareVolumePolicyTypes.Enabled, ShareVolumePolicyTypes.Disabled), Description("enabled or disabled (default).")]
    public string? Type { get; set; }
}

public static class ShareVolumePolicyTypes
{
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
}

public sealed class TransferEnvVar
{
    [JsonPropertyName("sourceContainerName"), Description("The pod container to copy from.")]
    public string? SourceContainerName { get; set; }

    [JsonPropertyName("sourceContainerNameFrom"), Description("Read the source container's name from a pod field instead.")]
    public SourceContainerNameSource? SourceContainerNameFrom { get; set; }

    [JsonPropertyName("envName"), Description("One variable to copy.")]
    public string? EnvName { get; set; }

    [JsonPropertyName("envNames"), Description("Several variables to copy.")]
    public IList<string>? EnvNames { get; set; }
}

public sealed class SourceContainerNameSource
{
    [JsonPropertyName("fieldRef"), Description("metadata.name, metadata.labels['<key>'] or metadata.annotations['<key>'] of the pod.")]
    public V1ObjectFieldSelector? FieldRef { get; set; }
}

public sealed class ResourcesPolicy
{
    [JsonPropertyName("targetContainersMode"), SchemaRequired, EnumValues(TargetContainersModes.Sum, TargetContainersModes.Max),
     Description("Combine the matched containers' resources by sum or max before evaluating the expressions.")]
    public string? TargetContainersMode { get; set; }

    [JsonPropertyName("targetContainersNameRegex"), Description("Which pod containers count, by name (sidecars injected by SidecarSets excluded). Defaults to \".*\".")]
    public string? TargetContainersNameRegex { get; set; }

    [JsonPropertyName("resourcesExpr"), SchemaRequired, Description("Expressions giving the sidecar's limits and requests.")]
    public ResourcesExpr? ResourcesExpr { get; set; }
}

public static class TargetContainersModes
{
    public const string Sum = "sum";
    public const string Max = "max";
}

public sealed class ResourcesExpr
{
    [JsonPropertyName("limits"), Description("Expressions for the sidecar's limits; unlimited when the matched containers have none.")]
    public ResourceExpressions? Limits { get; set; }

    [JsonPropertyName("requests"), Description("Expressions for the sidecar's requests; missing values count as 0.")]
    public ResourceExpressions? Requests { get; set; }
}

/// <summary>Arithmetic (+ - * /, max(), min()) over the variable cpu or memory, the combined value of the matched containers.</summary>
public sealed class ResourceExpressions
{
    [JsonPropertyName("cpu"), Description("Expression over the variable cpu.")]
    public string? Cpu { get; set; }

    [JsonPropertyName("memory"), Description("Expression over the variable memory.")]
    public string? Memory { get; set; }
}
