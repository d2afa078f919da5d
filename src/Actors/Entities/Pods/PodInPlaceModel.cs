using k8s.Models;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;

namespace Kruise.Actors.Entities.Pods;

/// <summary>
/// The pod entity: feeds requests, observations and outcomes to the pure <see cref="PodInPlaceDecider"/>.
/// Nothing is written before the pod has been delivered since the entity started; the delivery
/// that completes the view resumes a step a previous incarnation persisted but may not have carried out.
/// </summary>
public sealed class PodInPlaceModel : IEntityModel<PodInPlaceState>
{
    /// <summary>The earliest a wake-up is asked for.</summary>
    public static readonly TimeSpan MinimumWake = TimeSpan.FromMilliseconds(100);

    public PodInPlaceState Initial(EntityId id) => PodInPlaceState.Empty;

    public Decision Decide(PodInPlaceState state, ObservedWorld world, object input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(world);
        var synced = world.AllSynced;
        var pod = world.All<V1Pod>(PodEntity.KindName).Select(InPlacePod.From).FirstOrDefault();
        var decision = input switch
        {
            UpdatePodInPlace request => PodInPlaceDecider.OnRequest(state, request, pod, synced, now),
            CommandOutcome outcome => PodInPlaceDecider.OnOutcome(state, outcome, pod, synced, now),
            ObservationsSynced when synced => PodInPlaceDecider.OnObserved(state, pod, now, resume: true),
            ObjectObserved or ObjectDeleted or WakeUp when synced => PodInPlaceDecider.OnObserved(state, pod, now, resume: false),
            _ => PodInPlaceDecision.None,
        };
        // Gone and idle: nothing can happen to this pod any more.
        var idleAndGone = synced && pod is null && !state.EvolveAll(decision.Events).Pending;
        return new Decision
        {
            Events = decision.Events,
            Commands = decision.Commands,
            WakeAfter = decision.WakeAt is { } at ? (at - now > MinimumWake ? at - now : MinimumWake) : null,
            Passivate = decision.Passivate || idleAndGone,
        };
    }

    public PodInPlaceState Evolve(PodInPlaceState state, object @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event is PodInPlaceEvent e ? state.Evolve(e) : throw new ArgumentException($"{@event?.GetType().Name} is not a pod event", nameof(@event));
    }
}
