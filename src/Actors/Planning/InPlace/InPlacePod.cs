using System.Collections.Immutable;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>One container as the in-place update sees it: spec image, and what its status reports.</summary>
public sealed record InPlaceContainer(string Name, string Image, string? StatusImage = null, string? ImageId = null, int RestartCount = 0);

/// <summary>
/// What the pod entity needs of its observed pod: identity, labels and annotations, the
/// InPlaceUpdateReady condition and its containers. Tests build one in a line.
/// </summary>
public sealed record InPlacePod
{
    public required string Uid { get; init; }
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Status of InPlaceUpdateReady ("True", "False"); null when the pod has no such condition.</summary>
    public string? ConditionStatus { get; init; }

    public string? ConditionReason { get; init; }

    /// <summary>spec.readinessGates names InPlaceUpdateReady.</summary>
    public bool HasGate { get; init; }

    public ImmutableArray<InPlaceContainer> Containers { get; init; } = [];

    public bool Deleting { get; init; }

    public InPlaceContainer? Container(string name) => Containers.FirstOrDefault(c => c.Name == name);

    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value : null;

    public static InPlacePod From(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var condition = (pod.Status?.Conditions ?? []).FirstOrDefault(c => c.Type == InPlaceUpdateKeys.ReadinessGate);
        var statuses = (pod.Status?.ContainerStatuses ?? []).ToDictionary(s => s.Name, StringComparer.Ordinal);
        return new InPlacePod
        {
            Uid = pod.Metadata?.Uid ?? "",
            Labels = (pod.Metadata?.Labels ?? new Dictionary<string, string>()).ToImmutableDictionary(),
            Annotations = (pod.Metadata?.Annotations ?? new Dictionary<string, string>()).ToImmutableDictionary(),
            ConditionStatus = condition?.Status,
            ConditionReason = condition?.Reason,
            HasGate = (pod.Spec?.ReadinessGates ?? []).Any(g => g.ConditionType == InPlaceUpdateKeys.ReadinessGate),
            Deleting = pod.Metadata?.DeletionTimestamp is not null,
            Containers = [.. (pod.Spec?.Containers ?? []).Select(c => statuses.TryGetValue(c.Name, out var s)
                ? new InPlaceContainer(c.Name, c.Image ?? "", s.Image, s.ImageID, s.RestartCount)
                : new InPlaceContainer(c.Name, c.Image ?? ""))],
        };
    }
}
