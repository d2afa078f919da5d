using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps.Pub;

/// <summary>Which pods update first: by label weights or by an ordered label key (only one of them).</summary>
public sealed class UpdatePriorityStrategy
{
    [JsonPropertyName("orderPriority"), Description("Pods with a larger integer value of the first key that exists update first.")]
    public IList<UpdatePriorityOrderTerm>? OrderPriority { get; set; }

    [JsonPropertyName("weightPriority"), Description("Pods matching heavier selectors update first.")]
    public IList<UpdatePriorityWeightTerm>? WeightPriority { get; set; }
}

public sealed class UpdatePriorityOrderTerm
{
    [JsonPropertyName("orderedKey"), SchemaRequired, Description("A label key whose integer value orders pods.")]
    public string OrderedKey { get; set; } = "";
}

public sealed class UpdatePriorityWeightTerm
{
    [JsonPropertyName("weight"), SchemaRequired, Minimum(1), Maximum(100), Description("Weight 1-100 added to pods matching the selector.")]
    public int Weight { get; set; }

    [JsonPropertyName("matchSelector"), SchemaRequired, Description("Which pods get the weight.")]
    public V1LabelSelector MatchSelector { get; set; } = new();
}

/// <summary>Names the in-place update protocol puts on pods.</summary>
public static class InPlaceUpdateKeys
{
    /// <summary>Readiness gate (and pod condition) held False while a pod is updated in place.</summary>
    public const string ReadinessGate = "InPlaceUpdateReady";
}

/// <summary>Options of the in-place update itself.</summary>
public sealed class InPlaceUpdateStrategy
{
    [JsonPropertyName("gracePeriodSeconds"), Minimum(0), Description("Seconds between marking the pod not ready and patching its images.")]
    public int? GracePeriodSeconds { get; set; }
}

/// <summary>One label key/value whose pods a rollout spreads out over its order.</summary>
public sealed class UpdateScatterTerm
{
    [JsonPropertyName("key"), SchemaRequired, Description("Label key.")]
    public string Key { get; set; } = "";

    [JsonPropertyName("value"), SchemaRequired, Description("Label value.")]
    public string Value { get; set; } = "";
}
