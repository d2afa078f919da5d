using System.ComponentModel;
using System.Text.Json.Serialization;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Common;

/// <summary>A status condition in the shape most OpenKruise kinds share.</summary>
public sealed class KruiseCondition
{
    [JsonPropertyName("type"), SchemaRequired, Description("Type of the condition.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status"), SchemaRequired, Description("Status of the condition: True, False or Unknown.")]
    public string Status { get; set; } = "";

    [JsonPropertyName("lastUpdateTime"), Description("The last time this condition was updated.")]
    public DateTime? LastUpdateTime { get; set; }

    [JsonPropertyName("lastTransitionTime"), Description("Last time the condition transitioned from one status to another.")]
    public DateTime? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("The reason for the condition's last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("A human readable message indicating details about the transition.")]
    public string? Message { get; set; }
}
