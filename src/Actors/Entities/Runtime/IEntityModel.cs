namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// The pure part of an entity: its initial state, the decision for each input and the fold of its
/// events. No Akka, no I/O, no clock: <c>now</c> is passed in.
/// <para>
/// Inputs: <see cref="ObjectObserved"/>, <see cref="ObjectDeleted"/> and <see cref="ObservationsSynced"/>
/// (already folded into <c>world</c> when Decide sees them), <see cref="Kube.CommandOutcome"/>s of the
/// entity's commands, <see cref="EntityRecovered"/> once after replay, <see cref="WakeUp"/> when a
/// decision asked for one, and any message another actor sends the entity. The
/// <see cref="ObservationsSynced"/> that makes <see cref="ObservedWorld.AllSynced"/> true is the
/// moment to resume pending work after a restart with the world in view.
/// </para>
/// <para>
/// <typeparamref name="TState"/> is what the journal rebuilds (intents and other decisions; never
/// raw observations) and is also the snapshot, so it is registered in the
/// <see cref="Persistence.EventRegistry"/> like the events.
/// </para>
/// </summary>
public interface IEntityModel<TState> where TState : class
{
    TState Initial(EntityId id);

    Decision Decide(TState state, ObservedWorld world, object input, DateTimeOffset now);

    TState Evolve(TState state, object @event);
}

/// <summary>
/// A model that decides from the world as it now is, not from which observation arrived
/// (level-triggered, as a controller's work queue treats a burst of events for one key as one
/// reconcile). The runtime folds every observation waiting in the mailbox into the world and then
/// asks for one decision with <see cref="ObservationsChanged"/>: a burst of N pod changes costs
/// one decision and one journal write instead of N of each.
/// </summary>
public interface ICoalescesObservations;

