using System.Collections.Concurrent;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Simulation.Events;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// Tells users why a pod waits: the PodScheduled=False condition and a Warning FailedScheduling
/// event per failed attempt (the same message again bumps the event's count, through the
/// recorder's aggregation, by the number of attempts since the last report). Written from a
/// work queue, one pod at a time and latest failure first, so the scheduling loop never waits on it.
/// </summary>
internal sealed class FailedSchedulingReports
{
    private readonly SchedulerWrites _writes;
    private readonly EventRecorder _events;
    private readonly Func<string, bool> _stillPending;
    private readonly TimeProvider _clock;
    private readonly WorkQueue<string> _queue;
    private readonly ConcurrentDictionary<string, Failure> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Reported> _reported = new(StringComparer.Ordinal);

    public FailedSchedulingReports(SchedulerWrites writes, EventRecorder events, Func<string, bool> stillPending, TimeProvider clock, ILogger logger, CancellationToken stopping)
    {
        _writes = writes;
        _events = events;
        _stillPending = stillPending;
        _clock = clock;
        _queue = new WorkQueue<string>("scheduler-failures", logger, stopping);
    }

    public void Start() => _queue.Start(2, Report);

    public Task Stop() => _queue.Stop();

    /// <summary>Attempt number <paramref name="attempt"/> for the pod found no node.</summary>
    public void Failed(PodFacts pod, string message, int attempt)
    {
        _latest[pod.Uid] = new Failure(pod, message, attempt);
        _queue.Add(pod.Uid);
    }

    /// <summary>The pod is bound or gone: nothing more to report.</summary>
    public void Forget(string uid)
    {
        _latest.TryRemove(uid, out _);
        _reported.TryRemove(uid, out _);
    }

    private async Task Report(string uid, CancellationToken cancellationToken)
    {
        if (!_latest.TryGetValue(uid, out var failure) || !_stillPending(uid))
            return;
        var now = _clock.GetUtcNow();
        var pod = failure.Pod;
        if (!await _writes.MarkUnschedulable(pod, failure.Message, now, cancellationToken).ConfigureAwait(false))
            return;
        var times = 1;
        if (_reported.TryGetValue(uid, out var reported) && reported.Message == failure.Message)
        {
            if (failure.Attempt <= reported.Attempt)
                return;
            times = failure.Attempt - reported.Attempt;
        }
        _reported[uid] = new Reported(failure.Message, failure.Attempt);
        _events.Record(EventSubject.Pod(pod.Namespace, pod.Name, pod.Uid), new EventNote(EventNote.Warning, "FailedScheduling", failure.Message, now, Action: "Scheduling", Times: times));
    }

    private sealed record Failure(PodFacts Pod, string Message, int Attempt);

    private sealed record Reported(string Message, int Attempt);
}
