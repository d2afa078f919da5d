using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// What one decision asks of the entity: persist <see cref="Events"/> (all, in order), fold them
/// with <see cref="CloneSetState.Evolve"/>, then send <see cref="Commands"/> in order. Every pod,
/// PVC or revision create/delete command is covered by an event of the same decision that records
/// its intent (a *Requested event, or <see cref="IntentReissued"/>), so nothing is sent that a
/// recovered entity would not know about. <see cref="WakeAt"/> is when to decide again even if
/// nothing is observed (an intent times out, a pod becomes available, a backoff ends).
/// </summary>
public sealed record CloneSetDecision(
    IReadOnlyList<CloneSetEvent> Events,
    IReadOnlyList<KubeCommand> Commands,
    DateTimeOffset? WakeAt,
    CloneSetDiff? Diff = null)
{
    public static CloneSetDecision None { get; } = new([], [], null);

    public bool IsEmpty => Events.Count == 0 && Commands.Count == 0;
}
