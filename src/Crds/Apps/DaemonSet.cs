using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>Advanced DaemonSet: one pod per eligible node, with in-place update, surge, partition and node-selective rollout.</summary>
[CustomResource(KruiseGroups.Apps, "DaemonSet", "daemonsets", ShortNames = ["daemon", "ads"])]
[PrinterColumn(0, "DESIRED", "integer", ".status.desiredNumberScheduled", Description = "The desired number of pods.")]
[PrinterColumn(1, "CURRENT", "integer", ".status.currentNumberScheduled", Description = "The current number of pods.")]
[PrinterColumn(2, "READY", "integer", ".status.numberReady", Description = "The ready number of pods.")]
[PrinterColumn(3, "UP-TO-DATE", "integer", ".status.updatedNumberScheduled", Description = "The updated number of pods.")]
[PrinterColumn(4, "AVAILABLE", "integer", ".status.numberAvailable", Description = "The updated number of pods.")]
[PrinterColumn(5, "AGE", "date", ".metadata.creationTimestamp")]
[PrinterColumn(6, "CONTAINERS", "string", ".spec.template.spec.containers[*].name", Priority = 1, Description = "The containers of currently  daemonset.")]
[PrinterColumn(7, "IMAGES", "string", ".spec.template.spec.containers[*].image", Priority = 1, Description = "The images of currently advanced daemonset.")]
public sealed class DaemonSet : KruiseObject<DaemonSetSpec, DaemonSetStatus>;

public sealed class DaemonSetSpec
{
    [JsonPropertyName("selector"), SchemaRequired, Description("Label query over the pods this set owns; must match the template's labels and never changes.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("template"), SchemaRequired, PreserveUnknownFields, Description("The pod run on every node the template's node selector and affinity allow.")]
    public V1PodTemplateSpec? Template { get; set; }

    [JsonPropertyName("updateStrategy"), Description("How pods move to a new revision of the template.")]
    public DaemonSetUpdateStrategy? UpdateStrategy { get; set; }

    [JsonPropertyName("minReadySeconds"), Minimum(0), Description("Seconds a new pod must be ready, with no container crashing, to count as available.")]
    public int? MinReadySeconds { get; set; }

    [JsonPropertyName("burstReplicas"), Description("Most pods created or deleted in one pass (int or percent of nodes). Defaults to 250.")]
    public IntOrString? BurstReplicas { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Minimum(0), Description("Old ControllerRevisions to keep. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }

    [JsonPropertyName("lifecycle"), Description("Hooks around pod deletion and creation (the in-place update hook is not supported here).")]
    public Lifecycle? Lifecycle { get; set; }
}

public sealed class DaemonSetUpdateStrategy
{
    [JsonPropertyName("type"), EnumValues(DaemonSetUpdateStrategyTypes.RollingUpdate, DaemonSetUpdateStrategyTypes.OnDelete),
     Description("RollingUpdate (default) replaces pods automatically; OnDelete only when a user deletes a pod.")]
    public string? Type { get; set; }

    [JsonPropertyName("rollingUpdate"), Description("Parameters of RollingUpdate; only with that type.")]
    public RollingUpdateDaemonSet? RollingUpdate { get; set; }
}

public static class DaemonSetUpdateStrategyTypes
{
    public const string RollingUpdate = "RollingUpdate";
    public const string OnDelete = "OnDelete";
}

public sealed class RollingUpdateDaemonSet
{
    [JsonPropertyName("rollingUpdateType"), EnumValues(DaemonSetRollingUpdateTypes.Standard, DaemonSetRollingUpdateTypes.InPlaceIfPossible, DaemonSetRollingUpdateTypes.Surging),
     Description("Standard (default) recreates pods; InPlaceIfPossible patches images in place; Surging is an old name for Standard.")]
    public string? RollingUpdateType { get; set; }

    [JsonPropertyName("maxUnavailable"), Description("Most pods unavailable during the update (int or percent of desired pods, rounded up); not with a non-zero maxSurge. Defaults to 1.")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("maxSurge"), Description("Nodes that may run a new pod beside the old one until it is available (int or percent, rounded up). Defaults to 0.")]
    public IntOrString? MaxSurge { get; set; }

    [JsonPropertyName("selector"), Description("Only pods on nodes with matching labels are updated.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("partition"), Description("Pods (int or percent) to keep at the old revision. Defaults to 0.")]
    public IntOrString? Partition { get; set; }

    [JsonPropertyName("paused"), Description("Stop updating pods.")]
    public bool? Paused { get; set; }
}

public static class DaemonSetRollingUpdateTypes
{
    public const string Standard = "Standard";
    public const string InPlaceIfPossible = "InPlaceIfPossible";

    /// <summary>Deprecated alias of Standard with surge; defaulting rewrites it to Standard.</summary>
    public const string Surging = "Surging";
}

public sealed class DaemonSetStatus
{
    [JsonPropertyName("currentNumberScheduled"), SchemaRequired, Description("Nodes running at least one daemon pod that should run it.")]
    public int CurrentNumberScheduled { get; set; }

    [JsonPropertyName("numberMisscheduled"), SchemaRequired, Description("Nodes running a daemon pod that should not run it.")]
    public int NumberMisscheduled { get; set; }

    [JsonPropertyName("desiredNumberScheduled"), SchemaRequired, Description("Nodes that should run the daemon pod.")]
    public int DesiredNumberScheduled { get; set; }

    [JsonPropertyName("numberReady"), SchemaRequired, Description("Nodes that should run the daemon pod and have a ready one.")]
    public int NumberReady { get; set; }

    [JsonPropertyName("observedGeneration"), Description("The generation the controller last acted on.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("updatedNumberScheduled"), SchemaRequired, Description("Nodes running a daemon pod at the latest revision.")]
    public int UpdatedNumberScheduled { get; set; }

    [JsonPropertyName("numberAvailable"), Description("Nodes that should run the daemon pod and have one ready for minReadySeconds.")]
    public int? NumberAvailable { get; set; }

    [JsonPropertyName("numberUnavailable"), Description("Nodes that should run the daemon pod and have none available.")]
    public int? NumberUnavailable { get; set; }

    [JsonPropertyName("collisionCount"), Description("Count of hash collisions among ControllerRevision names.")]
    public int? CollisionCount { get; set; }

    [JsonPropertyName("conditions"), Description("The latest observations of the DaemonSet's state.")]
    public IList<KruiseCondition>? Conditions { get; set; }

    [JsonPropertyName("daemonSetHash"), Description("The controller-revision-hash of the latest revision.")]
    public string? DaemonSetHash { get; set; }
}
