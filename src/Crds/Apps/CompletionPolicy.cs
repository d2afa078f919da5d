using System.ComponentModel;
using System.Text.Json.Serialization;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>When a node-wide job (BroadcastJob, ImagePullJob) counts as finished and how long it lingers after.</summary>
public sealed class CompletionPolicy
{
    [JsonPropertyName("type"), EnumValues(CompletionPolicyTypes.Always, CompletionPolicyTypes.Never),
     Description("Always (default): the job finishes once every matched node is done. Never: it keeps running and picks up new nodes.")]
    public string? Type { get; set; }

    [JsonPropertyName("activeDeadlineSeconds"),
     Description("Seconds after the job starts at which it is stopped and marked failed; only with type Always.")]
    public long? ActiveDeadlineSeconds { get; set; }

    [JsonPropertyName("ttlSecondsAfterFinished"),
     Description("Seconds after the job finishes at which it is deleted; 0 deletes it at once, unset keeps it. Only with type Always.")]
    public int? TtlSecondsAfterFinished { get; set; }
}

public static class CompletionPolicyTypes
{
    public const string Always = "Always";
    public const string Never = "Never";
}
