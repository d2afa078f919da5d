using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// UnitedDeployment: one workload template stamped out as a subset workload per node group
/// (zone, pool), with the total replicas split between the subsets.
/// </summary>
[CustomResource(KruiseGroups.Apps, "UnitedDeployment", "uniteddeployments", ShortNames = ["ud"])]
[ScaleSubresource]
[PrinterColumn(0, "DESIRED", "integer", ".spec.replicas", Description = "The desired number of pods.")]
[PrinterColumn(1, "CURRENT", "integer", ".status.replicas", Description = "The number of currently all pods.")]
[PrinterColumn(2, "UPDATED", "integer", ".status.updatedReplicas", Description = "The number of pods updated.")]
[PrinterColumn(3, "READY", "integer", ".status.readyReplicas", Description = "The number of pods ready.")]
[PrinterColumn(4, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class UnitedDeployment : KruiseObject<UnitedDeploymentSpec, UnitedDeploymentStatus>
{
    /// <summary>Label on subset workloads and their pods naming the subset.</summary>
    public const string SubsetNameLabel = "apps.kruise.io/subset-name";
}

public sealed class UnitedDeploymentSpec
{
    [JsonPropertyName("replicas"), Description("Total pods over all subsets. Unset: the sum of the subsets' replicas, which must then all be set.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("selector"), SchemaRequired, Description("Label query over the pods of every subset; must match the template's labels.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), Description("The workload each subset runs: exactly one of the four kinds.")]
    public UnitedDeploymentTemplate? Template { get; set; }

    [JsonPropertyName("topology"), Description("The subsets and how replicas are spread over them.")]
    public UnitedDeploymentTopology? Topology { get; set; }

    [JsonPropertyName("updateStrategy"), Description("How subsets move to a new revision of the template.")]
    public UnitedDeploymentUpdateStrategy? UpdateStrategy { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Description("Old ControllerRevisions to keep. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }
}

/// <summary>The subsets of a UnitedDeployment and how pods are placed among them.</summary>
public sealed class UnitedDeploymentTopology
{
    [JsonPropertyName("subsets"), Description("The subsets; each gets its own workload named <name>-<subset>-<suffix>.")]
    public IList<UnitedDeploymentSubset>? Subsets { get; set; }

    [JsonPropertyName("scheduleStrategy"), Description("Whether pods that cannot be scheduled in their subset move on. Defaults to Fixed.")]
    public UnitedDeploymentScheduleStrategy? ScheduleStrategy { get; set; }
}

/// <summary>One subset: a group of nodes and its share of the replicas.</summary>
public sealed class UnitedDeploymentSubset
{
    [JsonPropertyName("name"), SchemaRequired, Description("Subset name, a DNS label unique in this UnitedDeployment; part of the subset workload's name.")]
    public string? Name { get; set; }

    [JsonPropertyName("nodeSelectorTerm"), Description("Node affinity added to the subset's pods. Cannot be changed.")]
    public V1NodeSelectorTerm? NodeSelectorTerm { get; set; }

    [JsonPropertyName("tolerations"), Description("Tolerations added to the subset's pods. Cannot be changed.")]
    public IList<V1Toleration>? Tolerations { get; set; }

    [JsonPropertyName("replicas"), Description("Pods in this subset (int, or percent of spec.replicas). Unset: an even share of what is left.")]
    public IntOrString? Replicas { get; set; }

    [JsonPropertyName("minReplicas"), Description("Fewest pods in this subset (int or percent); filled in subset order. Excludes replicas.")]
    public IntOrString? MinReplicas { get; set; }

    [JsonPropertyName("maxReplicas"), Description("Most pods in this subset (int or percent); unset means no limit. Excludes replicas.")]
    public IntOrString? MaxReplicas { get; set; }

    [JsonPropertyName("patch"), PreserveUnknownFields, Description("Strategic merge patch applied to the subset's pod template; it wins over the fields above.")]
    public RawExtension? Patch { get; set; }
}

public sealed class UnitedDeploymentScheduleStrategy
{
    [JsonPropertyName("type"), EnumValues(UnitedDeploymentScheduleStrategyTypes.Adaptive, UnitedDeploymentScheduleStrategyTypes.Fixed, ""),
     Description("Fixed (default): pods stay in their subset; Adaptive: pods that cannot be scheduled move to a subset with room.")]
    public string? Type { get; set; }

    [JsonPropertyName("adaptive"), Description("Options of the Adaptive strategy.")]
    public AdaptiveUnitedDeploymentStrategy? Adaptive { get; set; }
}

public sealed class AdaptiveUnitedDeploymentStrategy
{
    [JsonPropertyName("rescheduleCriticalSeconds"), Description("Seconds a pod may stay unschedulable before it is moved to another subset. Defaults to 30.")]
    public int? RescheduleCriticalSeconds { get; set; }

    [JsonPropertyName("unschedulableDuration"), Description("Seconds a subset is treated as full after a pod could not be scheduled in it. Defaults to 300.")]
    public int? UnschedulableDuration { get; set; }

    [JsonPropertyName("reserveUnschedulablePods"), Description("Keep unschedulable pods and run a stand-in elsewhere until they are ready (Deployment and CloneSet only).")]
    public bool? ReserveUnschedulablePods { get; set; }
}

public static class UnitedDeploymentScheduleStrategyTypes
{
    public const string Fixed = "Fixed";
    public const string Adaptive = "Adaptive";
}

public sealed class UnitedDeploymentUpdateStrategy
{
    [JsonPropertyName("type"), EnumValues(UnitedDeploymentUpdateStrategyTypes.Manual, ""), Description("Manual (default and only value): the partitions below drive the update.")]
    public string? Type { get; set; }

    [JsonPropertyName("manualUpdate"), Description("Settings of the Manual strategy.")]
    public UnitedDeploymentManualUpdate? ManualUpdate { get; set; }
}

public sealed class UnitedDeploymentManualUpdate
{
    [JsonPropertyName("partitions"), Description("Per subset name, how many of its pods stay at the old revision.")]
    public IDictionary<string, int>? Partitions { get; set; }
}

public static class UnitedDeploymentUpdateStrategyTypes
{
    public const string Manual = "Manual";
}

public sealed class UnitedDeploymentStatus
{
    [JsonPropertyName("observedGeneration"), Description("The generation the controller last acted on.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("readyReplicas"), Description("Pods with a Ready condition, over all subsets.")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("replicas"), SchemaRequired, Description("Pods observed over all subsets.")]
    public int Replicas { get; set; }

    [JsonPropertyName("updatedReplicas"), SchemaRequired, Description("Pods at the current template revision.")]
    public int UpdatedReplicas { get; set; }

    [JsonPropertyName("reservedPods"), Description("Unschedulable pods kept by the Adaptive strategy's reservation.")]
    public int? ReservedPods { get; set; }

    [JsonPropertyName("updatedReadyReplicas"), Description("Pods at the current template revision with a Ready condition.")]
    public int? UpdatedReadyReplicas { get; set; }

    [JsonPropertyName("collisionCount"), Description("Count of hash collisions among ControllerRevision names.")]
    public int? CollisionCount { get; set; }

    [JsonPropertyName("currentRevision"), SchemaRequired, Description("The template revision subsets are moving to.")]
    public string CurrentRevision { get; set; } = "";

    [JsonPropertyName("subsetReplicas"), Description("Replicas assigned to each subset, by subset name.")]
    public IDictionary<string, int>? SubsetReplicas { get; set; }

    [JsonPropertyName("subsetStatuses"), Description("State of each subset.")]
    public IList<UnitedDeploymentSubsetStatus>? SubsetStatuses { get; set; }

    [JsonPropertyName("conditions"), Description("The latest observations of the UnitedDeployment's state.")]
    public IList<KruiseCondition>? Conditions { get; set; }

    [JsonPropertyName("updateStatus"), Description("Progress of the update: its revision and each subset's partition.")]
    public UnitedDeploymentUpdateStatus? UpdateStatus { get; set; }

    [JsonPropertyName("labelSelector"), Description("The selector in string form, for the scale subresource.")]
    public string? LabelSelector { get; set; }
}

public sealed class UnitedDeploymentSubsetStatus
{
    [JsonPropertyName("name"), Description("Name of the subset.")]
    public string? Name { get; set; }

    [JsonPropertyName("replicas"), Description("Pods observed in the subset.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("readyReplicas"), Description("Ready pods in the subset.")]
    public int? ReadyReplicas { get; set; }

    [JsonPropertyName("partition"), Description("The subset's current partition.")]
    public int? Partition { get; set; }

    [JsonPropertyName("reservedPods"), Description("Pods of the subset kept by the Adaptive strategy's reservation.")]
    public int? ReservedPods { get; set; }

    [JsonPropertyName("conditions"), Description("Observations of the subset, such as Schedulable.")]
    public IList<KruiseCondition>? Conditions { get; set; }
}

public sealed class UnitedDeploymentUpdateStatus
{
    [JsonPropertyName("updatedRevision"), Description("The revision being rolled out.")]
    public string? UpdatedRevision { get; set; }

    [JsonPropertyName("currentPartitions"), Description("The partition applied to each subset, by subset name.")]
    public IDictionary<string, int>? CurrentPartitions { get; set; }
}

/// <summary>Condition types of a UnitedDeployment.</summary>
public static class UnitedDeploymentConditionTypes
{
    public const string SubsetProvisioned = "SubsetProvisioned";
    public const string SubsetUpdated = "SubsetUpdated";
    public const string SubsetFailure = "SubsetFailure";
    public const string Updated = "UnitedDeploymentUpdated";
    public const string SubsetSchedulable = "Schedulable";
}
