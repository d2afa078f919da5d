namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// The pure part of an entity: its initial state, the decision for each input (observations,
/// command outcomes, <see cref="EntityRecovered"/>, <see cref="WakeUp"/>, <see cref="ObservationsSynced"/>)
/// and the fold of its events. No Akka, no I/O, no clock: <c>now</c> is passed in. The state is
/// also the snapshot, so its type is registered in the <see cref="Persistence.EventRegistry"/>.
/// </summary>
public interface IEntityModel<TState> where TState : class
{
    TState Initial(EntityId id);

    Decision Decide(TState state, object input, DateTimeOffset now);

    TState Evolve(TState state, object @event);
}
