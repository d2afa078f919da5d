using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// Advanced StatefulSet: ordered, stably named pods (`name-0`, `name-1`, ...) with in-place update,
/// parallel rolling update, reserved ordinals and lifecycle hooks. v1alpha1 and v1beta1 share this shape.
/// </summary>
[CustomResource(KruiseGroups.Apps, "StatefulSet", "statefulsets", ShortNames = ["sts", "asts"], Versions = ["v1beta1", "v1alpha1"])]
[ScaleSubresource]
[PrinterColumn(0, "DESIRED", "integer", ".spec.replicas", Description = "The desired number of pods.")]
[PrinterColumn(1, "CURRENT", "integer", ".status.replicas", Description = "The number of currently all pods.")]
[PrinterColumn(2, "UPDATED", "integer", ".status.updatedReplicas", Description = "The number of pods updated.")]
[PrinterColumn(3, "READY", "integer", ".status.readyReplicas", Description = "The number of pods ready.")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
[PrinterColumn(5, "CONTAINERS", "string", ".spec.template.spec.containers[*].name", Priority = 1, Description = "The containers of currently advanced statefulset.")]
[PrinterColumn(6, "IMAGES", "string", ".spec.template.spec.containers[*].image", Priority = 1, Description = "The images of currently advanced statefulset.")]
public sealed class StatefulSet : KruiseObject<StatefulSetSpec, StatefulSetStatus>
{
    /// <summary>Label on every pod naming it, so a per-pod Service can select exactly one pod.</summary>
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
}

public sealed class StatefulSetSpec
{
    [JsonPropertyName("replicas"), Minimum(0), Description("Desired number of pods, each with its own ordinal. Defaults to 1.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector"), SchemaRequired, Description("Label query over the pods this set owns; must match the template's labels and never changes.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), SchemaRequired, PreserveUnknownFields, Description("The pod every ordinal is created from.")]
    public V1PodTemplateSpec? Template { get; set; }

    [JsonPropertyName("volumeClaimTemplates"), PreserveUnknownFields, Description("Claims each pod gets, named <claim>-<pod>, and kept across the pod's recreation.")]
    public IList<V1PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }

    [JsonPropertyName("volumeClaimUpdateStrategy"), Description("When changed volumeClaimTemplates reach existing claims.")]
    public VolumeClaimUpdateStrategy? VolumeClaimUpdateStrategy { get; set; }

    [JsonPropertyName("serviceName"), Description("The headless Service giving pods their DNS names (<pod>.<serviceName>); fixed after creation.")]
    public string? ServiceName { get; set; }

    [JsonPropertyName("podManagementPolicy"), EnumValues(PodManagementPolicies.OrderedReady, PodManagementPolicies.Parallel),
     Description("OrderedReady (default) creates and deletes pods one at a time in ordinal order; Parallel does not wait.")]
    public string? PodManagementPolicy { get; set; }

    [JsonPropertyName("updateStrategy"), Description("How pods move to a new revision of the template.")]
    public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Minimum(0), Description("Old ControllerRevisions to keep. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }

    [JsonPropertyName("reserveOrdinals"), Description("Ordinals never used for pods: integers or ranges such as \"3-5\"; replicas still counts running pods.")]
    public IList<IntOrString>? ReserveOrdinals { get; set; }

    [JsonPropertyName("lifecycle"), Description("Hooks around pod deletion, in-place update and creation.")]
    public Lifecycle? Lifecycle { get; set; }

    [JsonPropertyName("scaleStrategy"), Description("How pods are added and removed.")]
    public StatefulSetScaleStrategy? ScaleStrategy { get; set; }

    [JsonPropertyName("persistentVolumeClaimRetentionPolicy"), Description("Whether claims from volumeClaimTemplates are deleted with the set or on scale-down.")]
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }

    [JsonPropertyName("ordinals"), Description("Where pod numbering starts.")]
    public StatefulSetOrdinals? Ordinals { get; set; }
}

public static class PodManagementPolicies
{
    public const string OrderedReady = "OrderedReady";
    public const string Parallel = "Parallel";
}

public sealed class StatefulSetUpdateStrategy
{
    [JsonPropertyName("type"), EnumValues(StatefulSetUpdateStrategyTypes.RollingUpdate, StatefulSetUpdateStrategyTypes.OnDelete),
     Description("RollingUpdate (default) replaces pods automatically; OnDelete only when a user deletes a pod.")]
    public string? Type { get; set; }

    [JsonPropertyName("rollingUpdate"), Description("Parameters of RollingUpdate; only with that type.")]
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}

public static class StatefulSetUpdateStrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string OnDelete = "OnDelete";
}

public sealed class RollingUpdateStatefulSetStrategy
{
    [JsonPropertyName("partition"), Minimum(0), Description("Pods with an ordinal below this stay at the old revision. Defaults to 0.")]
    public int? Partition { get; set; }

    [JsonPropertyName("maxUnavailable"), Description("Most pods unavailable during the update (int or percent, rounded down); above 1 needs Parallel. Defaults to 1.")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("podUpdatePolicy"), EnumValues(PodUpdatePolicies.ReCreate, PodUpdatePolicies.InPlaceIfPossible, PodUpdatePolicies.InPlaceOnly),
     Description("ReCreate (default) replaces pods; InPlaceIfPossible and InPlaceOnly patch images in the running pod.")]
    public string? PodUpdatePolicy { get; set; }

    [JsonPropertyName("paused"), Description("Stop updating pods.")]
    public bool? Paused { get; set; }

    [JsonPropertyName("unorderedUpdate"), Description("Update pods by priority instead of by descending ordinal; needs Parallel.")]
    public UnorderedUpdateStrategy? UnorderedUpdate { get; set; }

    [JsonPropertyName("inPlaceUpdateStrategy"), Description("Options of in-place update.")]
    public InPlaceUpdateStrategy? InPlaceUpdateStrategy { get; set; }

    [JsonPropertyName("minReadySeconds"), Minimum(0), Maximum(StatefulSetValidation.MaxMinReadySeconds),
     Description("Seconds an updated or new pod must be ready before it counts as available (0-300). Defaults to 0.")]
    public int? MinReadySeconds { get; set; }
}

/// <summary>Values of podUpdatePolicy (the same three as CloneSet's update types).</summary>
public static class PodUpdatePolicies
{
    public const string ReCreate = "ReCreate";
    public const string InPlaceIfPossible = "InPlaceIfPossible";
    public const string InPlaceOnly = "InPlaceOnly";
}

public sealed class UnorderedUpdateStrategy
{
    [JsonPropertyName("priorityStrategy"), Description("Which pods update first.")]
    public UpdatePriorityStrategy? PriorityStrategy { get; set; }
}

public sealed class StatefulSetScaleStrategy
{
    [JsonPropertyName("maxUnavailable"), Description("Most pods unavailable while scaling (int or percent); above 1 needs Parallel.")]
    public IntOrString? MaxUnavailable { get; set; }
}

public sealed class VolumeClaimUpdateStrategy
{
    [JsonPropertyName("type"), EnumValues(VolumeClaimUpdateStrategyTypes.OnPodRollingUpdate, VolumeClaimUpdateStrategyTypes.OnDelete),
     Description("OnPodRollingUpdate resizes claims as their pods roll; OnDelete waits for the user to delete a claim.")]
    public string? Type { get; set; }
}

public static class VolumeClaimUpdateStrategyTypes
{
    public const string OnPodRollingUpdate = "OnPodRollingUpdate";
    public const string OnDelete = "OnDelete";
}

public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy
{
    [JsonPropertyName("whenDeleted"), EnumValues(ClaimRetentionPolicies.Retain, ClaimRetentionPolicies.Delete),
     Description("Retain (default) or Delete the claims when the StatefulSet is deleted.")]
    public string? WhenDeleted { get; set; }

    [JsonPropertyName("whenScaled"), EnumValues(ClaimRetentionPolicies.Retain, ClaimRetentionPolicies.Delete),
     Description("Retain (default) or Delete the claims of pods removed by a scale-down.")]
    public string? WhenScaled { get; set; }
}

public static class ClaimRetentionPolicies
{
    public const string Retain = "Retain";
    public const string Delete = "Delete";
}

public sealed class StatefulSetOrdinals
{
    [JsonPropertyName("start"), Minimum(0), Description("Ordinal of the first pod; pods are numbered start .. start+replicas-1. Defaults to 0.")]
    public int? Start { get; set; }
}

public sealed class StatefulSetStatus
{
    [JsonPropertyName("observedGeneration"), Description("The generation the controller last acted on.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("replicas"), SchemaRequired, Description("Pods created by the controller.")]
    public int Replicas { get; set; }

    [JsonPropertyName("readyReplicas"), SchemaRequired, Description("Pods with a Ready condition.")]
    public int ReadyReplicas { get; set; }

    [JsonPropertyName("availableReplicas"), SchemaRequired, Description("Pods ready for at least minReadySeconds.")]
    public int AvailableReplicas { get; set; }

    [JsonPropertyName("currentReplicas"), SchemaRequired, Description("Pods at currentRevision.")]
    public int CurrentReplicas { get; set; }

    [JsonPropertyName("updatedReplicas"), SchemaRequired, Description("Pods at updateRevision.")]
    public int UpdatedReplicas { get; set; }

    [JsonPropertyName("updatedReadyReplicas"), Description("Pods at updateRevision with a Ready condition.")]
    public int? UpdatedReadyReplicas { get; set; }

    [JsonPropertyName("updatedAvailableReplicas"), Description("Pods at updateRevision ready for at least minReadySeconds.")]
    public int? UpdatedAvailableReplicas { get; set; }

    [JsonPropertyName("currentRevision"), Description("The revision pods were at before the current update.")]
    public string? CurrentRevision { get; set; }

    [JsonPropertyName("updateRevision"), Description("The revision pods are moving to.")]
    public string? UpdateRevision { get; set; }

    [JsonPropertyName("collisionCount"), Description("Count of hash collisions among ControllerRevision names.")]
    public int? CollisionCount { get; set; }

    [JsonPropertyName("conditions"), Description("The latest observations of the StatefulSet's state.")]
    public IList<KruiseCondition>? Conditions { get; set; }

    [JsonPropertyName("labelSelector"), Description("The selector in string form, for the scale subresource.")]
    public string? LabelSelector { get; set; }

    [JsonPropertyName("volumeClaims"), Description("Per claim template, how many pods' claims already match it.")]
    public IList<VolumeClaimStatus>? VolumeClaims { get; set; }
}

public sealed class VolumeClaimStatus
{
    [JsonPropertyName("volumeClaimName"), SchemaRequired, Description("Name of the claim template.")]
    public string VolumeClaimName { get; set; } = "";

    [JsonPropertyName("compatibleReplicas"), SchemaRequired, Description("Pods whose claim requests at least the template's storage.")]
    public int CompatibleReplicas { get; set; }

    [JsonPropertyName("compatibleReadyReplicas"), SchemaRequired, Description("Of those, pods whose claim already has that capacity.")]
    public int CompatibleReadyReplicas { get; set; }
}
