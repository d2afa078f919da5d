using Akka.Event;

namespace Kruise.Actors.Observability;

/// <summary>
/// Tracks whether a dependency (the API server, the journal) is reachable and logs only when that
/// changes, so an outage is one warning and one recovery line, not a line per retry.
/// </summary>
public sealed class HealthLog(string subject, ILoggingAdapter log)
{
    private readonly Lock _gate = new();
    private string? _failure;
    private int _failures;
    private int _changes;

    /// <summary>Failures reported (each retry that failed).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>State changes logged (one per outage start and one per recovery).</summary>
    public int Changes => Volatile.Read(ref _changes);

    public bool IsFailing
    {
        get
        {
            lock (_gate)
                return _failure is not null;
        }
    }

    public void Failure(string reason)
    {
        Interlocked.Increment(ref _failures);
        lock (_gate)
        {
            if (_failure is not null)
                return;
            _failure = reason;
        }
        Interlocked.Increment(ref _changes);
        log.Warning("{0} unavailable: {1}; retrying with backoff", subject, reason);
    }

    public void Success()
    {
        lock (_gate)
        {
            if (_failure is null)
                return;
            _failure = null;
        }
        Interlocked.Increment(ref _changes);
        log.Info("{0} available again", subject);
    }
}
