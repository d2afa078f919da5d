using System.Threading.Channels;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>
/// client-go's workqueue in small: an item queued several times is processed once, an item
/// queued while it is being processed runs again afterwards (never twice at once), and a
/// failed item is retried with exponential backoff. Stops when <paramref name="stopping"/> is
/// cancelled (its owner cancels it before disposing it).
/// </summary>
internal sealed class WorkQueue<T>(string name, ILogger logger, CancellationToken stopping) where T : notnull
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly Channel<T> _ready = Channel.CreateUnbounded<T>();
    private readonly HashSet<T> _queued = [];
    private readonly HashSet<T> _processing = [];
    private readonly HashSet<T> _dirty = [];
    private readonly Dictionary<T, int> _failures = [];
    private Task _workers = Task.CompletedTask;

    public void Add(T item)
    {
        lock (_gate)
        {
            if (_processing.Contains(item))
                _dirty.Add(item);
            else if (_queued.Add(item))
                _ready.Writer.TryWrite(item);
        }
    }

    /// <summary>Queue again after a delay: a periodic re-check while something is still pending.</summary>
    public void AddAfter(T item, TimeSpan delay) =>
        _ = Task.Delay(delay, stopping).ContinueWith(t =>
        {
            if (!t.IsCanceled)
                Add(item);
        }, TaskScheduler.Default);

    /// <summary>Start <paramref name="workers"/> tasks processing items; a throw means "retry later".</summary>
    public void Start(int workers, Func<T, CancellationToken, Task> process) =>
        _workers = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => Work(process))));

    /// <summary>Waits for the workers to finish their current items once <c>stopping</c> is cancelled.</summary>
    public async Task Stop()
    {
        _ready.Writer.TryComplete();
        await _workers.ConfigureAwait(false);
    }

    private async Task Work(Func<T, CancellationToken, Task> process)
    {
        await foreach (var item in _ready.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (stopping.IsCancellationRequested)
                return;
            lock (_gate)
            {
                _queued.Remove(item);
                _processing.Add(item);
            }
            TimeSpan? retry = null;
            try
            {
                await process(item, stopping).ConfigureAwait(false);
                lock (_gate)
                    _failures.Remove(item);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                retry = Backoff(item);
                logger.LogDebug(e, "{Queue}: {Item} failed, retrying in {Delay}", name, item, retry);
            }
            lock (_gate)
            {
                _processing.Remove(item);
                if (_dirty.Remove(item) && _queued.Add(item))
                    _ready.Writer.TryWrite(item);
            }
            if (retry is { } delay)
                AddAfter(item, delay);
        }
    }

    private TimeSpan Backoff(T item)
    {
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
            var delay = FirstRetry * Math.Pow(2, Math.Min(failures, 20));
            return delay < LastRetry ? delay : LastRetry;
        }
    }
}
