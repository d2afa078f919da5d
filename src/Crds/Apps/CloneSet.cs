using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>CloneSet: stateless pods with in-place update, partitions and selective deletion.</summary>
[CustomResource(KruiseGroups.Apps, "CloneSet", "clonesets", ShortNames = ["clone"])]
[ScaleSubresource]
[PrinterColumn(0, "DESIRED", "integer", ".spec.replicas", Description = "The desired number of pods.")]
[PrinterColumn(1, "UPDATED", "integer", ".status.updatedReplicas", Description = "The number of pods updated.")]
[PrinterColumn(2, "UPDATED_READY", "integer", ".status.updatedReadyReplicas", Description = "The number of pods updated and ready.")]
[PrinterColumn(3, "UPDATED_AVAILABLE", "integer", ".status.updatedAvailableReplicas", Description = "The number of pods updated and available.")]
[PrinterColumn(4, "READY", "integer", ".status.readyReplicas", Description = "The number of pods ready.")]
[PrinterColumn(5, "TOTAL", "integer", ".status.replicas", Description = "The number of currently all pods.")]
[PrinterColumn(6, "AGE", "date", ".metadata.creationTimestamp")]
[PrinterColumn(7, "CONTAINERS", "string", ".spec.template.spec.containers[*].name", Priority = 1, Description = "The containers of currently cloneset.")]
[PrinterColumn(8, "IMAGES", "string", ".spec.template.spec.containers[*].image", Priority = 1, Description = "The images of currently cloneset.")]
[PrinterColumn(9, "SELECTOR", "string", ".status.labelSelector", Priority = 1, Description = "The selector of currently cloneset.")]
public sealed class CloneSet : KruiseObject<CloneSetSpec, CloneSetStatus>
{
    public const string InstanceIdLabel = "apps.kruise.io/cloneset-instance-id";
    public const string SpecifiedDeleteLabel = "apps.kruise.io/specified-delete";
}

public sealed class CloneSetSpec
{
    [JsonPropertyName("replicas"), Minimum(0), Description("Desired number of pods. Defaults to 1.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector"), SchemaRequired, Description("Label query over pods that should match the replica count; must match the template's labels.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), SchemaRequired, PreserveUnknownFields, Description("Template describes the pods that will be created.")]
    public V1PodTemplateSpec? Template { get; set; }

    [JsonPropertyName("volumeClaimTemplates"), PreserveUnknownFields, Description("Claims each pod gets, named by the pod's instance id.")]
    public IList<V1PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }

    [JsonPropertyName("scaleStrategy"), Description("How pods are added and removed.")]
    public CloneSetScaleStrategy? ScaleStrategy { get; set; }

    [JsonPropertyName("updateStrategy"), Description("How pods move to a new revision of the template.")]
    public CloneSetUpdateStrategy? UpdateStrategy { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Minimum(0), Description("Old ControllerRevisions to keep. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }

    [JsonPropertyName("minReadySeconds"), Minimum(0), Description("Seconds a new pod must be ready, with no container crashing, to count as available.")]
    public int? MinReadySeconds { get; set; }

    [JsonPropertyName("lifecycle"), Description("Hooks around pod deletion, in-place update and creation.")]
    public Lifecycle? Lifecycle { get; set; }

    [JsonPropertyName("progressDeadlineSeconds"), Minimum(0), Description("Seconds a rollout may make no progress before it is reported failed.")]
    public int? ProgressDeadlineSeconds { get; set; }
}

public sealed class CloneSetScaleStrategy
{
    [JsonPropertyName("podsToDelete"), Description("Names of pods to delete; a replacement is created when replicas is unchanged.")]
    public IList<string>? PodsToDelete { get; set; }

    [JsonPropertyName("maxUnavailable"), Description("Most pods unavailable while scaling up (int or percent).")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("disablePVCReuse"), Description("Create new PVCs instead of reusing a recreated pod's PVCs.")]
    public bool? DisablePVCReuse { get; set; }
}

public sealed class CloneSetUpdateStrategy
{
    [JsonPropertyName("type"), EnumValues(CloneSetUpdateStrategyTypes.ReCreate, CloneSetUpdateStrategyTypes.InPlaceIfPossible, CloneSetUpdateStrategyTypes.InPlaceOnly),
     Description("ReCreate (default), InPlaceIfPossible or InPlaceOnly.")]
    public string? Type { get; set; }

    [JsonPropertyName("partition"), Description("Pods (int or percent) to keep at the old revision.")]
    public IntOrString? Partition { get; set; }

    [JsonPropertyName("maxUnavailable"), Description("Most pods unavailable during the update (int or percent). Defaults to 20%.")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("maxSurge"), Description("Extra pods created above replicas during the update (int or percent). Defaults to 0.")]
    public IntOrString? MaxSurge { get; set; }

    [JsonPropertyName("paused"), Description("Stop updating pods.")]
    public bool? Paused { get; set; }

    [JsonPropertyName("priorityStrategy"), Description("Which pods update first.")]
    public UpdatePriorityStrategy? PriorityStrategy { get; set; }

    [JsonPropertyName("scatterStrategy"), Description("Labels whose pods are spread over the update order.")]
    public IList<UpdateScatterTerm>? ScatterStrategy { get; set; }

    [JsonPropertyName("inPlaceUpdateStrategy"), Description("Options of in-place update.")]
    public InPlaceUpdateStrategy? InPlaceUpdateStrategy { get; set; }
}

public static class CloneSetUpdateStrategyTypes
{
    public const string ReCreate = "ReCreate";
    public const string InPlaceIfPossible = "InPlaceIfPossible";
    public const string InPlaceOnly = "InPlaceOnly";
}

public sealed class CloneSetStatus
{
    [JsonPropertyName("observedGeneration"), Description("The generation the controller last acted on.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("replicas"), SchemaRequired, Description("Pods created by the controller.")]
    public int Replicas { get; set; }

    [JsonPropertyName("readyReplicas"), SchemaRequired, Description("Pods with a Ready condition.")]
    public int ReadyReplicas { get; set; }

    [JsonPropertyName("availableReplicas"), SchemaRequired, Description("Pods ready for at least minReadySeconds.")]
    public int AvailableReplicas { get; set; }

    [JsonPropertyName("updatedReplicas"), SchemaRequired, Description("Pods at updateRevision.")]
    public int UpdatedReplicas { get; set; }

    [JsonPropertyName("updatedReadyReplicas"), SchemaRequired, Description("Pods at updateRevision with a Ready condition.")]
    public int UpdatedReadyReplicas { get; set; }

    [JsonPropertyName("updatedAvailableReplicas"), Description("Pods at updateRevision that are available.")]
    public int? UpdatedAvailableReplicas { get; set; }

    [JsonPropertyName("expectedUpdatedReplicas"), Description("Pods expected at updateRevision: replicas minus partition.")]
    public int? ExpectedUpdatedReplicas { get; set; }

    [JsonPropertyName("updateRevision"), Description("The revision pods are moving to.")]
    public string? UpdateRevision { get; set; }

    [JsonPropertyName("currentRevision"), Description("The revision all pods were at before the update.")]
    public string? CurrentRevision { get; set; }

    [JsonPropertyName("collisionCount"), Description("Count of hash collisions among ControllerRevision names.")]
    public int? CollisionCount { get; set; }

    [JsonPropertyName("conditions"), Description("The latest observations of the CloneSet's state.")]
    public IList<KruiseCondition>? Conditions { get; set; }

    [JsonPropertyName("labelSelector"), Description("The selector in string form, for the scale subresource.")]
    public string? LabelSelector { get; set; }
}
