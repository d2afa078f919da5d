using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>
/// WorkloadSpread: spreads an existing workload's pods over subsets of nodes (zones, node pools),
/// each with its own cap, by patching pods as they are created.
/// </summary>
[CustomResource(KruiseGroups.Apps, "WorkloadSpread", "workloadspreads", ShortNames = ["ws"])]
[PrinterColumn(0, "WorkloadName", "string", ".spec.targetRef.name")]
[PrinterColumn(1, "WorkloadKind", "string", ".spec.targetRef.kind")]
[PrinterColumn(2, "Adaptive", "boolean", ".spec.scheduleStrategy.type[?(@ == \"Adaptive\")]", Description = "Whether use the adaptive reschedule strategy")]
[PrinterColumn(3, "Age", "date", ".metadata.creationTimestamp")]
public sealed class WorkloadSpread : KruiseObject<WorkloadSpreadSpec, WorkloadSpreadStatus>;

public sealed class WorkloadSpreadSpec
{
    [JsonPropertyName("targetRef"), SchemaRequired, Description("The workload whose pods are spread.")]
    public WorkloadSpreadTargetReference? TargetRef { get; set; }

    [JsonPropertyName("targetFilter"), Description("Spread only some of the workload's pods, and how to count them.")]
    public WorkloadSpreadTargetFilter? TargetFilter { get; set; }

    [JsonPropertyName("subsets"), SchemaRequired, Description("The subsets in order of preference; a pod goes to the first with room.")]
    public IList<WorkloadSpreadSubset>? Subsets { get; set; }

    [JsonPropertyName("scheduleStrategy"), Description("Whether pods that cannot be scheduled in their subset move on. Defaults to Fixed.")]
    public WorkloadSpreadScheduleStrategy? ScheduleStrategy { get; set; }
}

/// <summary>The workload a WorkloadSpread acts on, in the same namespace.</summary>
public sealed class WorkloadSpreadTargetReference
{
    [JsonPropertyName("apiVersion"), SchemaRequired, Description("API group and version of the workload, such as apps/v1.")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind"), SchemaRequired, Description("Kind of the workload, such as Deployment or CloneSet.")]
    public string? Kind { get; set; }

    [JsonPropertyName("name"), SchemaRequired, Description("Name of the workload.")]
    public string? Name { get; set; }
}

/// <summary>Which of the workload's pods are spread, and where its replica count is read.</summary>
public sealed class WorkloadSpreadTargetFilter
{
    [JsonPropertyName("selector"), Description("Only pods matching this selector are spread.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("replicasPathList"), Description("Dot paths in the workload (such as spec.replicas) whose integer values sum to the pods spread.")]
    public IList<string>? ReplicasPathList { get; set; }
}

/// <summary>One group of nodes and how many of the workload's pods it takes.</summary>
public sealed class WorkloadSpreadSubset
{
    [JsonPropertyName("name"), SchemaRequired, Description("Name of the subset, unique in this WorkloadSpread.")]
    public string? Name { get; set; }

    [JsonPropertyName("requiredNodeSelectorTerm"), Description("Node affinity a pod of this subset must satisfy.")]
    public V1NodeSelectorTerm? RequiredNodeSelectorTerm { get; set; }

    [JsonPropertyName("preferredNodeSelectorTerms"), Description("Weighted node affinity a pod of this subset prefers.")]
    public IList<V1PreferredSchedulingTerm>? PreferredNodeSelectorTerms { get; set; }

    [JsonPropertyName("tolerations"), Description("Tolerations added to pods of this subset.")]
    public IList<V1Toleration>? Tolerations { get; set; }

    [JsonPropertyName("maxReplicas"), Description("Most pods in this subset (int, or percent of the workload's replicas); unset means no limit.")]
    public IntOrString? MaxReplicas { get; set; }

    [JsonPropertyName("patch"), PreserveUnknownFields, Description("Strategic merge patch applied to pods placed in this subset (labels, annotations, resources, ...).")]
    public RawExtension? Patch { get; set; }
}

public sealed class WorkloadSpreadScheduleStrategy
{
    [JsonPropertyName("type"), EnumValues(WorkloadSpreadScheduleStrategyTypes.Adaptive, WorkloadSpreadScheduleStrategyTypes.Fixed, ""),
     Description("Fixed (default): pods stay in their subset; Adaptive: pods that cannot be scheduled are moved to the next subset.")]
    public string? Type { get; set; }

    [JsonPropertyName("adaptive"), Description("Options of the Adaptive strategy.")]
    public AdaptiveWorkloadSpreadStrategy? Adaptive { get; set; }
}

public sealed class AdaptiveWorkloadSpreadStrategy
{
    [JsonPropertyName("disableSimulationSchedule"), Description("Skip the webhook's check that a subset's nodes have room for the pod.")]
    public bool? DisableSimulationSchedule { get; set; }

    [JsonPropertyName("rescheduleCriticalSeconds"), Description("Seconds a pod may stay unschedulable before it is recreated in another subset.")]
    public int? RescheduleCriticalSeconds { get; set; }
}

public static class WorkloadSpreadScheduleStrategyTypes
{
    public const string Fixed = "Fixed";
    public const string Adaptive = "Adaptive";
}

public sealed class WorkloadSpreadStatus
{
    [JsonPropertyName("observedGeneration"), Description("The generation the controller last acted on.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("subsetStatuses"), Description("State of each subset, in spec order.")]
    public IList<WorkloadSpreadSubsetStatus>? SubsetStatuses { get; set; }

    [JsonPropertyName("versionedSubsetStatuses"), Description("Subset states per workload revision, so a rolling update counts old and new pods apart.")]
    public IDictionary<string, IList<WorkloadSpreadSubsetStatus>>? VersionedSubsetStatuses { get; set; }
}

public sealed class WorkloadSpreadSubsetStatus
{
    [JsonPropertyName("name"), SchemaRequired, Description("Name of the subset.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("replicas"), SchemaRequired, Description("Active pods observed in the subset.")]
    public int Replicas { get; set; }

    [JsonPropertyName("conditions"), Description("Observations of the subset, such as Schedulable.")]
    public IList<KruiseCondition>? Conditions { get; set; }

    [JsonPropertyName("missingReplicas"), SchemaRequired, Description("Pods the subset still lacks; -1 when it has no maxReplicas.")]
    public int MissingReplicas { get; set; }

    [JsonPropertyName("creatingPods"), Description("Pods the webhook placed in the subset that the controller has not seen yet, with when.")]
    public IDictionary<string, DateTime>? CreatingPods { get; set; }

    [JsonPropertyName("deletingPods"), Description("Pods of the subset being deleted that the controller has not seen go yet, with when.")]
    public IDictionary<string, DateTime>? DeletingPods { get; set; }
}
