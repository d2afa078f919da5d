namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// kube-scheduler's scheduling queue in small: pods ready to try (highest priority first, then
/// in arrival order), pods backing off after a failed attempt, and unschedulable pods parked
/// until the cluster changes (or, at the latest, <see cref="SchedulerOptions.UnschedulableRetry"/>).
/// Time is passed in; not thread-safe.
/// </summary>
internal sealed class SchedulingQueue(SchedulerOptions options)
{
    private readonly PriorityQueue<string, (int Priority, long Sequence)> _active = new();
    private readonly HashSet<string> _activeSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _backoff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _unschedulable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _priority = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastFailure = new(StringComparer.Ordinal);
    private long _sequence;

    // No backoff or parked pod is due before this (it may be earlier than needed, never later).
    private DateTimeOffset _earliest = DateTimeOffset.MaxValue;

    public int ActiveCount => _activeSet.Count;
    public int BackoffCount => _backoff.Count;
    public int UnschedulableCount => _unschedulable.Count;

    public bool Contains(string uid) => _activeSet.Contains(uid) || _backoff.ContainsKey(uid) || _unschedulable.ContainsKey(uid);

    /// <summary>A new pending pod: ready to try at once.</summary>
    public void Add(string uid, int priority)
    {
        _priority[uid] = priority;
        if (!Contains(uid))
            Activate(uid);
    }

    /// <summary>The pod changed in a way that may let it fit: it leaves the unschedulable pods (after its backoff).</summary>
    public void Updated(string uid, int priority, DateTimeOffset now)
    {
        _priority[uid] = priority;
        if (_unschedulable.Remove(uid))
            Wake(uid, now);
        else if (!Contains(uid))
            Activate(uid);
    }

    /// <summary>The cluster changed (a node, a pod went): every unschedulable pod is worth another try once its backoff is over.</summary>
    public void ClusterChanged(DateTimeOffset now)
    {
        if (_unschedulable.Count == 0)
            return;
        foreach (var uid in _unschedulable.Keys.ToList())
        {
            _unschedulable.Remove(uid);
            Wake(uid, now);
        }
    }

    public void Remove(string uid)
    {
        _activeSet.Remove(uid);
        _backoff.Remove(uid);
        _unschedulable.Remove(uid);
        _attempts.Remove(uid);
        _priority.Remove(uid);
        _lastFailure.Remove(uid);
    }

    /// <summary>The next pod to try: due backoffs and stale unschedulable pods join the ready ones first.</summary>
    public bool TryNext(DateTimeOffset now, out string uid)
    {
        Promote(now);
        while (_active.TryDequeue(out uid!, out _))
        {
            // Entries of pods removed meanwhile are skipped here rather than searched out of the heap.
            if (_activeSet.Remove(uid))
                return true;
        }
        uid = "";
        return false;
    }

    /// <summary>The attempt found no node: parked until the cluster changes.</summary>
    public void Unschedulable(string uid, DateTimeOffset now)
    {
        _attempts[uid] = _attempts.GetValueOrDefault(uid) + 1;
        _lastFailure[uid] = now;
        _unschedulable[uid] = now;
        Due(now + options.UnschedulableRetry);
    }

    /// <summary>The attempt failed for a passing reason (the binding write): retried after its backoff.</summary>
    public void Retry(string uid, int priority, DateTimeOffset now)
    {
        _priority[uid] = priority;
        _unschedulable.Remove(uid);
        _activeSet.Remove(uid);
        _attempts[uid] = _attempts.GetValueOrDefault(uid) + 1;
        _lastFailure[uid] = now;
        Wake(uid, now);
    }

    /// <summary>How many attempts the pod has failed.</summary>
    public int Attempts(string uid) => _attempts.GetValueOrDefault(uid);

    /// <summary>When something becomes due, if anything waits.</summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var at in _backoff.Values)
            next = next is null || at < next ? at : next;
        foreach (var since in _unschedulable.Values)
        {
            var at = since + options.UnschedulableRetry;
            next = next is null || at < next ? at : next;
        }
        return next;
    }

    public TimeSpan Backoff(int attempts)
    {
        if (attempts <= 0)
            return TimeSpan.Zero;
        var delay = options.InitialBackoff * Math.Pow(2, Math.Min(attempts - 1, 30));
        return delay < options.MaxBackoff ? delay : options.MaxBackoff;
    }

    private void Wake(string uid, DateTimeOffset now)
    {
        var ready = _lastFailure.TryGetValue(uid, out var failed) ? failed + Backoff(Attempts(uid)) : now;
        if (ready > now)
        {
            _backoff[uid] = ready;
            Due(ready);
        }
        else
            Activate(uid);
    }

    private void Activate(string uid)
    {
        _backoff.Remove(uid);
        if (_activeSet.Add(uid))
            _active.Enqueue(uid, (-_priority.GetValueOrDefault(uid), _sequence++));
    }

    private void Due(DateTimeOffset at)
    {
        if (at < _earliest)
            _earliest = at;
    }

    private void Promote(DateTimeOffset now)
    {
        if (now < _earliest)
            return;
        if (_backoff.Count > 0)
        {
            foreach (var (uid, at) in _backoff.Where(p => p.Value <= now).ToList())
                Activate(uid);
        }
        if (_unschedulable.Count > 0)
        {
            foreach (var (uid, _) in _unschedulable.Where(p => p.Value + options.UnschedulableRetry <= now).ToList())
            {
                _unschedulable.Remove(uid);
                Activate(uid);
            }
        }
        _earliest = NextDue() ?? DateTimeOffset.MaxValue;
    }
}
