using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// The thin actor around an <see cref="IEntityModel{TState}"/>: keeps the observed world in memory,
/// feeds the model every input, persists the
/// events it returns (all of them before any command leaves), folds them, then sends the commands
/// to the gateway (less repeats of writes still in flight or not yet shown by the watch:
/// <see cref="SentCommands"/>), paces the decisions of a model that coalesces observations
/// (<see cref="DecisionPacing"/>), snapshots
/// every N events, and on recovery replays the journal and asks the model once more
/// (<see cref="EntityRecovered"/>) so pending intents are re-issued, never forgotten. It asks the
/// watchers for a resync when it starts and again every <see cref="EntityContext.ResyncRetry"/>
/// until every kind it observes is synced: a request can be lost (sent to a watcher on a replica
/// that just died), and a model acts on "what exists" only once its world is synced.
/// </summary>
/// <remarks>
/// Its three reminders are scheduled directly, not through <see cref="IWithTimers"/>: that gives
/// every entity a timer scheduler with its own dictionary (~270 bytes, 2.7 MB at 10,000 pods) for
/// timers most entities start once. Unlike Akka's timers, a reminder cancelled as it fires may
/// still arrive; each one handled twice only asks for one more decision or resync request.
/// </remarks>
public sealed class PersistentEntity<TState> : UntypedPersistentActor where TState : class
{
    private readonly EntityId _id;
    private readonly IEntityModel<TState> _model;
    private readonly EntityContext _context;
    private readonly ObservedWorld _world;
    private readonly SentCommands _sent = new();
    private TState _state;
    private int _eventsSinceSnapshot;
    private int _resyncRetries;
    private DateTimeOffset? _wakeAt;
    private bool _decisionQueued;
    private TimeSpan _lastDecisionCost;
    private long _lastDecisionEnded;
    private ICancelable? _resyncTimer;
    private ICancelable? _wakeTimer;
    private ICancelable? _decideTimer;

    public PersistentEntity(EntityId id, IEntityModel<TState> model, EntityContext context)
    {
        _id = id;
        _model = model;
        _context = context;
        _state = model.Initial(id);
        _world = new ObservedWorld(context.ObservedKinds);
    }

    public override string PersistenceId => _id.ToString();

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: TState snapshot }:
                _state = snapshot;
                _eventsSinceSnapshot = 0;
                break;
            case RecoveryCompleted:
                _context.Metrics.JournalRecovered();
                _context.JournalHealth.Success();
                _context.Feed.RequestResync(_id, _context.Observes);
                if (!_world.AllSynced)
                    _resyncTimer = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(_context.ResyncRetry, _context.ResyncRetry, Self, ResyncRetry.Instance, Self);
                Handle(EntityRecovered.Instance);
                break;
            default:
                _state = _model.Evolve(_state, message);
                _eventsSinceSnapshot++;
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case WakeUp:
                _wakeAt = null;
                _wakeTimer = null;
                Handle(message);
                break;
            case GetEntityState:
                Sender.Tell(_state);
                break;
            case ResyncRetry:
                RetryResync();
                break;
            case ObservationsSynced synced when _world.IsSynced(synced.Kind):
                // A retried request answered as well as the first: this kind was complete already.
                break;
            case ObservationsSynced:
                Handle(message);
                if (_world.AllSynced)
                    StopResyncRetries();
                break;
            case SaveSnapshotSuccess saved:
                // Only the newest snapshot is ever read back; the events stay for `events show`.
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failed:
                Log.Warning("{0}: snapshot failed ({1}); the events still recover it", _id, failed.Cause.Message);
                break;
            case DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                break;
            case Kube.CommandOutcome outcome:
                _sent.Completed(outcome, _context.Time.GetUtcNow());
                Handle(message);
                break;
            case EntityStop:
                Context.Stop(Self);
                break;
            case ObjectObserved or ObjectDeleted when _model is ICoalescesObservations:
                // Observations already queued (or stashed while a write was persisted, or arriving
                // while the entity paces its decisions) are folded in before the one decision this asks for runs.
                _sent.Observed(message);
                _world.Apply(message);
                if (!_decisionQueued)
                {
                    _decisionQueued = true;
                    var wait = DecisionPacing.Delay(_lastDecisionCost, Stopwatch.GetElapsedTime(_lastDecisionEnded));
                    if (wait > TimeSpan.Zero)
                        _decideTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(wait, Self, ObservationsChanged.Instance, Self);
                    else
                        Self.Tell(ObservationsChanged.Instance);
                }
                break;
            case ObservationsChanged:
                _decisionQueued = false;
                _decideTimer = null;
                Handle(message);
                break;
            case ObjectObserved or ObjectDeleted:
                _sent.Observed(message);
                Handle(message);
                break;
            default:
                // Observations, command outcomes and any request another actor makes of the model.
                Handle(message);
                break;
        }
    }

    private void Handle(object input)
    {
        var started = Stopwatch.GetTimestamp();
        _world.Apply(input);
        var decision = _model.Decide(_state, _world, input, _context.Time.GetUtcNow());
        var cost = Stopwatch.GetElapsedTime(started);
        _context.Metrics.Reconciled(_id.Kind, cost);
        if (input is ObservationsChanged)
        {
            _lastDecisionCost = cost;
            _lastDecisionEnded = Stopwatch.GetTimestamp();
        }
        var sender = Sender;
        if (decision.Events.Count == 0)
        {
            Emit(decision, sender);
            return;
        }
        var persistStarted = Stopwatch.GetTimestamp();
        var remaining = decision.Events.Count;
        PersistAll(decision.Events, @event =>
        {
            _state = _model.Evolve(_state, @event);
            _eventsSinceSnapshot++;
            if (--remaining > 0)
                return;
            _context.Metrics.JournalWritten(Stopwatch.GetElapsedTime(persistStarted));
            _context.Metrics.JournalRecovered();
            _context.JournalHealth.Success();
            if (_eventsSinceSnapshot >= _context.SnapshotEvery)
            {
                SaveSnapshot(_state);
                _eventsSinceSnapshot = 0;
            }
            Emit(decision, sender);
        });
    }

    private void Emit(Decision decision, IActorRef sender)
    {
        var now = _context.Time.GetUtcNow();
        foreach (var command in _sent.Admit(decision.Commands, now, _world))
            _context.Gateway.Tell(command, Self);
        if (_sent.HeldUntil is { } held)
            ScheduleWake(held - now);
        foreach (var message in decision.Messages)
            _context.Entities.Tell(message.Target, message.Message);
        if (decision.Reply is { } reply && !sender.IsNobody())
            sender.Tell(reply, Self);
        if (decision.WakeAfter is { } after)
            ScheduleWake(after);
        if (decision.Passivate)
            Context.Parent.Tell(new Passivate(EntityStop.Instance));
    }

    private void RetryResync()
    {
        var missing = _context.Observes.Where(r => !_world.IsSynced(r.Kind)).ToList();
        if (missing.Count == 0)
        {
            StopResyncRetries();
            return;
        }
        // Once per incarnation at INFO: a watcher that cannot list (its API resource missing) would repeat it for ever.
        if (_resyncRetries++ == 0)
            Log.Info("{0}: no resync of [{1}] yet, asking again every {2}", _id, string.Join(", ", missing.Select(r => r.Kind)), _context.ResyncRetry);
        _context.Feed.RequestResync(_id, missing);
    }

    private void ScheduleWake(TimeSpan after)
    {
        var at = _context.Time.GetUtcNow() + (after < TimeSpan.Zero ? TimeSpan.Zero : after);
        if (_wakeAt is { } pending && pending <= at)
            return;
        _wakeAt = at;
        _wakeTimer?.Cancel();
        _wakeTimer = Context.System.Scheduler.ScheduleTellOnceCancelable(at - _context.Time.GetUtcNow(), Self, WakeUp.Instance, Self);
    }

    private void StopResyncRetries()
    {
        _resyncTimer?.Cancel();
        _resyncTimer = null;
    }

    protected override void PostStop()
    {
        StopResyncRetries();
        _wakeTimer?.Cancel();
        _decideTimer?.Cancel();
        base.PostStop();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The actor stops; sharding restarts a remembered entity after its backoff, and recovery
        // brings back every intent that was persisted.
        _context.Metrics.JournalFailed();
        _context.JournalHealth.Failure(cause.Message);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _context.Metrics.JournalFailed();
        Log.Error(cause, "{0}: journal rejected {1} #{2}", _id, @event.GetType().Name, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _context.Metrics.JournalFailed();
        _context.JournalHealth.Failure(reason.Message);
    }
}

/// <summary>The entity's own reminder to ask for a resync again while its world is not synced.</summary>
public sealed class ResyncRetry
{
    public static readonly ResyncRetry Instance = new();

    private ResyncRetry()
    {
    }
}

/// <summary>The stop message a passivating entity asks its shard to send back.</summary>
public sealed class EntityStop
{
    public static readonly EntityStop Instance = new();

    private EntityStop()
    {
    }
}
