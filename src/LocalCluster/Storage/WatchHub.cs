using System.Net;
using System.Threading.Channels;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Storage;

/// <summary>
/// Fans changes out to watchers and keeps a window of recent changes so a watcher can resume
/// from a resourceVersion; older versions are compacted and resuming from them is 410 Gone,
/// as with etcd's compaction. The newest changes keep their objects as trees; once a change is
/// older than what the watchers still have to read (at least <see cref="HotChanges"/> changes, at
/// most <see cref="MaxHotChanges"/>), the versions it holds that only the history still needs are
/// kept as their bytes (<see cref="StoredObject.Compact"/>), and a replay parses what it sends again.
/// </summary>
public sealed class WatchHub(int window)
{
    /// <summary>How many of the newest changes keep their trees at least.</summary>
    internal const int HotChanges = 2048;

    /// <summary>How many at most while a watcher lags further behind (it then parses what it reads).</summary>
    internal const int MaxHotChanges = 32_768;

    // How often the watchers' backlogs are looked at again (counting a channel is not free).
    private const int BacklogCheckInterval = 256;

    // Oldest first: _recent then _hot, together at most `window` changes.
    private readonly Queue<WatchEvent> _recent = new();
    private readonly Queue<WatchEvent> _hot = new();
    private readonly List<Subscription> _subscriptions = [];
    private long _compactedThrough;
    private int _hotLimit = HotChanges;
    private int _sinceBacklogCheck;

    /// <summary>Called with the store's publishing lock held, in resourceVersion order.</summary>
    internal void Publish(WatchEvent change)
    {
        _hot.Enqueue(change);
        if (++_sinceBacklogCheck >= BacklogCheckInterval)
        {
            _sinceBacklogCheck = 0;
            _hotLimit = Math.Min(MaxHotChanges, HotChanges + LargestBacklog());
        }
        // A few per change: when a lagging watcher catches up, the changes it held hot are
        // compacted over the next writes, not all at once while every writer waits.
        for (var cooling = 0; _hot.Count > _hotLimit && cooling < 4; cooling++)
        {
            var cooled = _hot.Dequeue();
            CompactOld(cooled);
            _recent.Enqueue(cooled);
        }
        while (_recent.Count + _hot.Count > window)
            Volatile.Write(ref _compactedThrough, (_recent.Count > 0 ? _recent.Dequeue() : _hot.Dequeue()).ResourceVersion);
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Wants(change))
                subscription.Deliver(change);
        }
    }

    /// <summary>
    /// Called with the store's publishing and write locks held, every change up to now handed over: replays what came after <paramref name="after"/>, then
    /// follows live. A null <paramref name="key"/> follows every resource, in resourceVersion order.
    /// </summary>
    internal Subscription Subscribe(StorageKey? key, string? ns, long after, IReadOnlySet<StorageKey>? keys = null)
    {
        if (after < _compactedThrough)
            throw new ApiException(HttpStatusCode.Gone, "Expired", $"too old resource version: {after} ({_compactedThrough + 1})");
        var subscription = new Subscription(this, key, ns, keys);
        foreach (var change in _recent.Concat(_hot))
        {
            if (change.ResourceVersion > after && subscription.Wants(change))
                subscription.Deliver(change);
        }
        _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>Forget every change up to now, so watchers resuming from an older version get 410 (fault injection).</summary>
    internal void Compact(long through)
    {
        _recent.Clear();
        _hot.Clear();
        Volatile.Write(ref _compactedThrough, through);
    }

    // A watcher following every change (the garbage collector's feed) that is n changes behind
    // has n unread; a filtered one has fewer unread than it is behind, so this is a lower bound.
    private int LargestBacklog()
    {
        var largest = 0;
        foreach (var subscription in _subscriptions)
            largest = Math.Max(largest, subscription.Backlog);
        return largest;
    }

    // A version replaced or deleted since is read only by replays from now on. Events stay as
    // bytes even while current: a pod start writes four, and they are read as bytes (kubectl)
    // far more often than as trees.
    private static void CompactOld(WatchEvent change)
    {
        change.Previous?.Compact();
        if (change.Object.IsSuperseded || change.Key.Plural == "events")
            change.Object.Compact();
    }

    /// <summary>Start with a compacted history (after a restart nothing older can be replayed).</summary>
    internal void StartAt(long resourceVersion) => Volatile.Write(ref _compactedThrough, resourceVersion);

    /// <summary>The newest resourceVersion no longer in the history: reading at it or before is 410 Gone. Read without a lock.</summary>
    internal long CompactedThrough => Volatile.Read(ref _compactedThrough);

    internal void Remove(Subscription subscription) => _subscriptions.Remove(subscription);

    internal void CloseAll()
    {
        foreach (var subscription in _subscriptions)
            subscription.Writer.TryComplete();
        _subscriptions.Clear();
    }

    public sealed class Subscription : IDisposable
    {
        private readonly Channel<WatchEvent> _channel = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        private readonly WatchHub _hub;
        private readonly StorageKey? _key;
        private readonly string? _namespace;
        private readonly IReadOnlySet<StorageKey>? _keys;
        private readonly CountingChannelReader<WatchEvent> _reader;
        private long _delivered;

        internal Subscription(WatchHub hub, StorageKey? key, string? ns, IReadOnlySet<StorageKey>? keys)
        {
            _reader = new CountingChannelReader<WatchEvent>(_channel.Reader);
            _hub = hub;
            _key = key;
            _namespace = ns;
            _keys = keys;
        }

        internal ChannelWriter<WatchEvent> Writer => _channel.Writer;

        public ChannelReader<WatchEvent> Events => _reader;

        /// <summary>Changes handed over and not read yet.</summary>
        internal int Backlog => (int)Math.Min(int.MaxValue, _delivered - _reader.Read);

        // With the hub's (the store's publishing) lock held, which orders every delivery.
        internal void Deliver(WatchEvent change)
        {
            if (_channel.Writer.TryWrite(change))
                _delivered++;
        }

        internal bool Wants(WatchEvent change) =>
            (_key is null || change.Key == _key) && (_keys is null || _keys.Contains(change.Key))
            && (_namespace is null || change.Object.Namespace == _namespace);

        /// <summary>Set by the store; used to take the hub's lock on dispose.</summary>
        internal object? Gate { get; set; }

        public void Dispose()
        {
            lock (Gate ?? _hub)
                _hub.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
