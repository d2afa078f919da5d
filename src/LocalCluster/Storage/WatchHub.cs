using System.Net;
using System.Threading.Channels;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Storage;

/// <summary>
/// Fans changes out to watchers and keeps a window of recent changes so a watcher can resume
/// from a resourceVersion; older versions are compacted and resuming from them is 410 Gone,
/// as with etcd's compaction.
/// </summary>
public sealed class WatchHub(int window)
{
    private readonly Queue<WatchEvent> _recent = new();
    private readonly List<Subscription> _subscriptions = [];
    private long _compactedThrough;

    /// <summary>Called with the store's publishing lock held, in resourceVersion order.</summary>
    internal void Publish(WatchEvent change)
    {
        _recent.Enqueue(change);
        while (_recent.Count > window)
            Volatile.Write(ref _compactedThrough, _recent.Dequeue().ResourceVersion);
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Wants(change))
                subscription.Writer.TryWrite(change);
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
        foreach (var change in _recent)
        {
            if (change.ResourceVersion > after && subscription.Wants(change))
                subscription.Writer.TryWrite(change);
        }
        _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>Forget every change up to now, so watchers resuming from an older version get 410 (fault injection).</summary>
    internal void Compact(long through)
    {
        _recent.Clear();
        Volatile.Write(ref _compactedThrough, through);
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

        internal Subscription(WatchHub hub, StorageKey? key, string? ns, IReadOnlySet<StorageKey>? keys)
        {
            _hub = hub;
            _key = key;
            _namespace = ns;
            _keys = keys;
        }

        internal ChannelWriter<WatchEvent> Writer => _channel.Writer;

        public ChannelReader<WatchEvent> Events => _channel.Reader;

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
