using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>What the pod decider chose: events to persist first, then the writes, when to wake, whether the entity may stop.</summary>
public sealed record PodInPlaceDecision(IReadOnlyList<PodInPlaceEvent> Events, IReadOnlyList<KubeCommand> Commands, DateTimeOffset? WakeAt, bool Passivate)
{
    public static readonly PodInPlaceDecision None = new([], [], null, false);
}
