using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// What one decision asks of the entity: persist <see cref="Events"/> (all, in order), fold them
/// with <see cref="CloneSetState.Evolve"/>, then send <see cref="Commands"/> in order. Every pod,
/// PVC or revision create/delete command is covered by an event of the same decision that records
/// its intent (a *Requested event, or <see cref="IntentReissued"/>), so nothing is sent that a
/// recovered entity would not know about; so is every <see cref="PodUpdates"/> message, which the
/// entity sends to the pod entities after the events are persisted. <see cref="WakeAt"/> is when to decide again even if
/// nothing is observed (an intent times out, a pod becomes available, a backoff ends).
/// </summary>
public sealed record CloneSetDecision(
    IReadOnlyList<CloneSetEvent> Events,
    IReadOnlyList<KubeCommand> Commands,
    DateTimeOffset? WakeAt,
    CloneSetDiff? Diff = null)
{
    public static CloneSetDecision None { get; } = new([], [], null);

    /// <summary>In-place updates to ask of pod entities (EntityId("Pod", namespace, pod)).</summary>
    public IReadOnlyList<UpdatePodInPlace> PodUpdates { get; init; } = [];

    public bool IsEmpty => Events.Count == 0 && Commands.Count == 0 && PodUpdates.Count == 0;
}
