using System.Collections.Concurrent;
using System.Threading.Channels;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation.Events;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// The simulated kube-scheduler. It follows the cluster's change feed (pods, nodes, namespaces),
/// decides one pod at a time with <see cref="SchedulingPlanner"/>, assumes the pod on its node at
/// once, and writes bindings concurrently through the pods/binding subresource; a pod that fits
/// nowhere gets PodScheduled=False and a FailedScheduling event, and is tried again when nodes or
/// pods change (after a backoff). Everything goes through <see cref="ResourceService"/>.
/// </summary>
public sealed class DefaultScheduler : IAsyncDisposable
{
    private readonly ResourceService _service;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping;
    private readonly object _gate = new();
    private readonly SchedulerCache _cache;
    private readonly SchedulerWrites _writes;
    private readonly EventRecorder _events;
    private readonly FailedSchedulingReports _reports;
    private readonly SemaphoreSlim _bindings;
    private readonly ConcurrentDictionary<Task, bool> _inflight = new();

    private const int FeedBatch = 256;
    private const int DecisionBatch = 32;

    // Holds at most one signal: "something may be worth trying"; the loop drains the queue on each.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private WatchHub.Subscription? _subscription;
    private Task _feed = Task.CompletedTask;
    private Task _loop = Task.CompletedTask;
    private int _started;

    public DefaultScheduler(ResourceService service, SchedulerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentBindings, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SchedulingLatency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InitialBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBackoff, options.InitialBackoff);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.UnschedulableRetry, TimeSpan.Zero);
        _service = service;
        _options = options;
        _logger = logger;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _cache = new SchedulerCache(options);
        _writes = new SchedulerWrites(service);
        _events = new EventRecorder(service, SimulationConventions.DefaultSchedulerName, 2, logger, _stopping.Token);
        _reports = new FailedSchedulingReports(_writes, _events, StillPending, service.Clock, logger, _stopping.Token);
        _bindings = new SemaphoreSlim(options.MaxConcurrentBindings);
    }

    /// <summary>
    /// Starts following the cluster. The objects already there are taken in before the first
    /// decision (as an informer's initial list), so pods pending from before are placed with every
    /// node known, and the change feed is followed from there in resourceVersion order.
    /// </summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
            throw new InvalidOperationException("The scheduler is already started.");
        var (initial, subscription) = _service.Store.WatchAll(SchedulerCache.Followed);
        _subscription = subscription;
        Observe([.. initial.Select(o => new WatchEvent(WatchEventType.Added, o.Key, o.Object))]);
        _feed = Task.Run(() => Follow(subscription.Events));
        _events.Start();
        _reports.Start();
        _loop = Task.Run(() => Run(_stopping.Token));
    }

    /// <summary>Stops scheduling; bindings under way are abandoned (the pods stay pending).</summary>
    public async Task Stop()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _subscription?.Dispose();
        await _feed.ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await Task.WhenAll(_inflight.Keys).ConfigureAwait(false);
        await _reports.Stop().ConfigureAwait(false);
        await _events.Stop().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Stop().ConfigureAwait(false);
        _stopping.Dispose();
        _bindings.Dispose();
    }

    private DateTimeOffset Now => _service.Clock.GetUtcNow();

    private bool StillPending(string uid)
    {
        lock (_gate)
            return _cache.IsPending(uid);
    }

    // Changes are taken in as they queue up, many under one hold of the lock, so the feed and the
    // decision loop do not trade the lock once per change.
    private async Task Follow(ChannelReader<WatchEvent> changes)
    {
        var batch = new List<WatchEvent>(FeedBatch);
        while (await changes.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < FeedBatch && changes.TryRead(out var change))
                batch.Add(change);
            Observe(batch);
            batch.Clear();
        }
    }

    private void Observe(IReadOnlyList<WatchEvent> changes)
    {
        var wake = false;
        lock (_gate)
        {
            foreach (var change in changes)
            {
                try
                {
                    wake |= _cache.Observe(change, Now);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // One object the scheduler cannot read must not stop it for every other.
                    _logger.LogError(e, "The scheduler could not take in {Type} {Key} {Namespace}/{Name}", change.Type, change.Key, change.Object.Namespace, change.Object.Name);
                }
            }
        }
        foreach (var change in changes)
        {
            if (change.Type == WatchEventType.Deleted && change.Key.Plural == "pods" && change.Key.Group.Length == 0)
                _reports.Forget(JsonRead.Str(change.Object.Object, "metadata", "uid"));
        }
        if (wake)
            _wake.Writer.TryWrite(true);
    }

    private async Task Run(CancellationToken stopping)
    {
        var attempts = new List<(SchedulingAttempt Attempt, int Failures)>(DecisionBatch);
        while (!stopping.IsCancellationRequested)
        {
            // Several decisions per hold of the lock: each assigned pod is assumed on its node at
            // once, so the next decision sees it exactly as if the lock had been let go between them.
            attempts.Clear();
            lock (_gate)
            {
                var now = Now;
                while (attempts.Count < DecisionBatch && _cache.Next(now) is { } attempt)
                    attempts.Add((attempt, _cache.Attempts(attempt.Pod.Uid)));
            }
            try
            {
                if (attempts.Count == 0)
                    await WaitForWork(stopping).ConfigureAwait(false);
                foreach (var (attempt, failures) in attempts)
                {
                    if (attempt.Decision is SchedulingDecision.Assign assign)
                        await StartBinding(attempt.Pod, assign.Node, stopping).ConfigureAwait(false);
                    else if (attempt.Decision is SchedulingDecision.Unschedulable unschedulable)
                    {
                        _logger.LogDebug("Pod {Namespace}/{Name} is unschedulable: {Message}", attempt.Pod.Namespace, attempt.Pod.Name, unschedulable.Message);
                        _reports.Failed(attempt.Pod, unschedulable.Message, failures);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitForWork(CancellationToken stopping)
    {
        DateTimeOffset? due;
        lock (_gate)
            due = _cache.NextDue();
        var delay = due is { } at ? at - Now : Timeout.InfiniteTimeSpan;
        if (delay != Timeout.InfiniteTimeSpan && delay <= TimeSpan.Zero)
            return;
        using var timeout = delay == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(delay, _service.Clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
        }
    }

    private async Task StartBinding(PodFacts pod, string node, CancellationToken stopping)
    {
        await _bindings.WaitAsync(stopping).ConfigureAwait(false);
        // On the thread pool: a write to the in-memory store completes synchronously, and run
        // inline it kept the decision loop waiting on every binding, one pod at a time.
        var task = Task.Run(() => Bind(pod, node, stopping), CancellationToken.None);
        _inflight.TryAdd(task, true);
        _ = task.ContinueWith(t => _inflight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task Bind(PodFacts pod, string node, CancellationToken stopping)
    {
        BindOutcome outcome;
        try
        {
            if (_options.SchedulingLatency > TimeSpan.Zero)
                await Task.Delay(_options.SchedulingLatency, _service.Clock, stopping).ConfigureAwait(false);
            outcome = await _writes.Bind(pod, node, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Binding pod {Namespace}/{Name} to {Node} failed", pod.Namespace, pod.Name, node);
            outcome = BindOutcome.Retry;
        }
        finally
        {
            _bindings.Release();
        }
        if (outcome != BindOutcome.Bound)
        {
            lock (_gate)
                _cache.BindFailed(pod, node, retry: outcome == BindOutcome.Retry, Now);
            _wake.Writer.TryWrite(true);
            return;
        }
        _reports.Forget(pod.Uid);
        if (!_options.RecordScheduledEvents)
            return;
        _events.Record(EventSubject.Pod(pod.Namespace, pod.Name, pod.Uid), new EventNote(EventNote.Normal, "Scheduled", SchedulerWrites.ScheduledMessage(pod, node), Now, Action: "Binding"));
    }
}
