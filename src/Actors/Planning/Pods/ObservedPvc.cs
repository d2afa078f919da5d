using System.Collections.Immutable;
using k8s.Models;
using Kruise.Actors.Planning.Common;

namespace Kruise.Actors.Planning.Pods;

/// <summary>A PersistentVolumeClaim a workload created for one of its pods, as its watch shows it.</summary>
public sealed record ObservedPvc
{
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The claim has a deletionTimestamp.</summary>
    public bool Deleting { get; init; }

    public string? OwnerUid { get; init; }

    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value : null;

    public static ObservedPvc From(V1PersistentVolumeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new ObservedPvc
        {
            Name = claim.Metadata?.Name ?? "",
            Uid = claim.Metadata?.Uid ?? "",
            Labels = (claim.Metadata?.Labels ?? new Dictionary<string, string>()).ToImmutableDictionary(),
            Deleting = claim.Metadata?.DeletionTimestamp is not null,
            OwnerUid = ControllerOwner.ControllerUidOf(claim.Metadata),
        };
    }
}
