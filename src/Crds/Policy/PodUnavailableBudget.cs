using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Policy;

/// <summary>
/// PodUnavailableBudget: caps how many of a set of pods may be unavailable at once, guarding pod
/// deletion, eviction and in-place update (a PodDisruptionBudget that also covers updates).
/// </summary>
[CustomResource(KruiseGroups.Policy, "PodUnavailableBudget", "podunavailablebudgets", ShortNames = ["pub"])]
[PrinterColumn(0, "Allowed", "integer", ".status.unavailableAllowed", Description = "UnavailableAllowed number of pod unavailable that are currently allowed")]
[PrinterColumn(1, "Current", "integer", ".status.currentAvailable", Description = "CurrentAvailable current number of available pods")]
[PrinterColumn(2, "Desired", "integer", ".status.desiredAvailable", Description = "DesiredAvailable minimum desired number of available pods")]
[PrinterColumn(3, "Total", "integer", ".status.totalReplicas", Description = "TotalReplicas total number of pods counted by this budget")]
public sealed class PodUnavailableBudget : KruiseObject<PodUnavailableBudgetSpec, PodUnavailableBudgetStatus>;

public sealed class PodUnavailableBudgetSpec
{
    [JsonPropertyName("selector"), Description("The pods the budget covers, by label. Exactly one of selector and targetRef is set.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("targetRef"), Description("The workload whose pods the budget covers. Exactly one of selector and targetRef is set.")]
    public PodUnavailableBudgetTargetReference? TargetRef { get; set; }

    [JsonPropertyName("maxUnavailable"),
     Description("Most pods (number or percent of the total) that may be unavailable after an operation. Exactly one of maxUnavailable and minAvailable is set.")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("minAvailable"),
     Description("Fewest pods (number or percent of the total) that must stay available after an operation. Exactly one of maxUnavailable and minAvailable is set.")]
    public IntOrString? MinAvailable { get; set; }
}

/// <summary>A workload in the budget's namespace, named by apiVersion, kind and name.</summary>
public sealed class PodUnavailableBudgetTargetReference
{
    [JsonPropertyName("apiVersion"), Description("API version of the workload, e.g. apps.kruise.io/v1alpha1.")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind"), Description("Kind of the workload, e.g. CloneSet.")]
    public string? Kind { get; set; }

    [JsonPropertyName("name"), Description("Name of the workload.")]
    public string? Name { get; set; }
}

public sealed class PodUnavailableBudgetStatus
{
    [JsonPropertyName("observedGeneration"), Description("The generation this status was computed for; the counts are only current when it equals metadata.generation.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("disruptedPods"),
     Description("Pods whose deletion or eviction was admitted but not yet seen by the controller, with the admission time.")]
    public IDictionary<string, DateTime>? DisruptedPods { get; set; }

    [JsonPropertyName("unavailablePods"),
     Description("Pods admitted for an in-place update, with the admission time, until they are available again.")]
    public IDictionary<string, DateTime>? UnavailablePods { get; set; }

    [JsonPropertyName("unavailableAllowed"), SchemaRequired, Description("How many more pods may become unavailable now.")]
    public int UnavailableAllowed { get; set; }

    [JsonPropertyName("currentAvailable"), SchemaRequired, Description("Pods available now.")]
    public int CurrentAvailable { get; set; }

    [JsonPropertyName("desiredAvailable"), SchemaRequired, Description("The fewest pods that must stay available.")]
    public int DesiredAvailable { get; set; }

    [JsonPropertyName("totalReplicas"), SchemaRequired, Description("Pods the budget counts: the workload's replicas, or the matched pods.")]
    public int TotalReplicas { get; set; }
}
