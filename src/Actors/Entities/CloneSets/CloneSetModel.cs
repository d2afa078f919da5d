using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;

namespace Kruise.Actors.Entities.CloneSets;

/// <summary>
/// The CloneSet entity: feeds the runtime's inputs to the pure <see cref="CloneSetDecider"/> and
/// turns its decisions into the runtime's. Nothing is decided before the whole world (the CloneSet,
/// its pods, PVCs and ControllerRevisions) has been delivered since the entity started; the
/// delivery that completes it is the first decision of the incarnation and resumes every pending
/// intent (<see cref="CloneSetDecider.Resume"/>), since the previous incarnation may have persisted
/// an intent and stopped before its write left.
/// </summary>
public sealed class CloneSetModel(CloneSetPlannerOptions? options = null) : IEntityModel<CloneSetState>, ICoalescesObservations
{
    /// <summary>
    /// The earliest a wake-up is asked for. A progress deadline that has passed stays due until the
    /// status saying so is observed; waking again at once would only spin until then.
    /// </summary>
    public static readonly TimeSpan MinimumWake = TimeSpan.FromSeconds(1);

    /// <summary>The entity kind of pods, which carry out in-place updates.</summary>
    public const string PodEntityKind = "Pod";

    public CloneSetPlannerOptions Options { get; } = options ?? CloneSetPlannerOptions.Default;

    public CloneSetState Initial(EntityId id) => CloneSetState.Empty;

    public Decision Decide(CloneSetState state, ObservedWorld world, object input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(world);
        return input switch
        {
            // Each kind's ObservationsSynced arrives once per incarnation, so exactly one of them completes the world.
            ObservationsSynced => Observe(state, world, now, resume: world.AllSynced),
            ObservationsChanged or ObjectObserved or ObjectDeleted or WakeUp => Observe(state, world, now, resume: false),
            CommandOutcome outcome => Answered(state, world, outcome, now),
            // EntityRecovered: the world is still empty; pending intents resume once it is synced.
            _ => Decision.None,
        };
    }

    public CloneSetState Evolve(CloneSetState state, object @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event is CloneSetEvent e ? state.Evolve(e) : throw new ArgumentException($"{@event?.GetType().Name} is not a CloneSet event", nameof(@event));
    }

    private Decision Observe(CloneSetState state, ObservedWorld world, DateTimeOffset now, bool resume)
    {
        if (!world.AllSynced)
            return Decision.None;
        var observation = CloneSetObservations.From(world);
        if (observation.CloneSet is null)
            return Gone(state);
        var decision = resume
            ? CloneSetDecider.Resume(state, observation, now, Options)
            : CloneSetDecider.Decide(state, observation, now, Options);
        return ToDecision(decision, now);
    }

    // The CloneSet is deleted (its pods, PVCs and revisions go with it by garbage collection), so a
    // pending intent can no longer be carried out or observed done: give each up, and stop.
    private static Decision Gone(CloneSetState state) => new()
    {
        Events = [.. state.Intents.Values.Select(i => new IntentExpired(i.Kind, i.Name))],
        Passivate = true,
    };

    private Decision Answered(CloneSetState state, ObservedWorld world, CommandOutcome outcome, DateTimeOffset now)
    {
        var answer = ToDecision(CloneSetDecider.OnOutcome(state, outcome, now), now);
        if (outcome.Status == CommandStatus.Failed)
            answer = answer with { WakeAfter = Earliest(answer.WakeAfter, Options.FailureBackoff) };
        if (answer.Events.Count == 0)
            return answer;
        // An intent was dropped (refused): the planner chooses again, after its backoff.
        var next = Observe(state.EvolveAll(answer.Events.Cast<CloneSetEvent>()), world, now, resume: false);
        return new Decision
        {
            Events = [.. answer.Events, .. next.Events],
            Commands = [.. answer.Commands, .. next.Commands],
            Messages = [.. answer.Messages, .. next.Messages],
            WakeAfter = Earliest(answer.WakeAfter, next.WakeAfter),
            Passivate = next.Passivate,
        };
    }

    /// <summary>How long until <paramref name="wakeAt"/>, but never less than <see cref="MinimumWake"/> once it is due.</summary>
    public static TimeSpan? WakeAfter(DateTimeOffset? wakeAt, DateTimeOffset now) =>
        wakeAt is { } at ? (at > now ? at - now : MinimumWake) : null;

    // In-place updates go to the pod entities; the intent that covers each is in Events.
    private static Decision ToDecision(CloneSetDecision decision, DateTimeOffset now) => new()
    {
        Events = decision.Events,
        Commands = decision.Commands,
        Messages = [.. decision.PodUpdates.Select(u => new EntityMessage(new EntityId(PodEntityKind, u.Namespace, u.Pod), u))],
        WakeAfter = WakeAfter(decision.WakeAt, now),
    };

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
