using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Kruise.Actors.Planning.Common;

namespace Kruise.Actors.Planning.Revisions;

/// <summary>A ControllerRevision as a workload entity sees it in its watch.</summary>
public sealed record ObservedRevision(string Name, long Revision, RevisionData? Data, string? OwnerUid = null, DateTimeOffset? CreatedAt = null)
{
    public static ObservedRevision From(V1ControllerRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var data = revision.Data switch
        {
            null => null,
            JsonNode node => node,
            JsonElement element => JsonNode.Parse(element.GetRawText()),
            string text => JsonNode.Parse(text),
            var other => JsonSerializer.SerializeToNode(other),
        };
        return new ObservedRevision(revision.Metadata?.Name ?? "", revision.Revision ?? 0, RevisionData.FromNode(data),
            ControllerOwner.ControllerUidOf(revision.Metadata), Times.Utc(revision.Metadata?.CreationTimestamp));
    }
}
