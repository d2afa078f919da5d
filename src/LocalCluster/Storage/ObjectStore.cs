using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Microsoft.Data.Sqlite;

namespace Kruise.Actors.LocalCluster.Storage;

/// <summary>
/// The cluster's state: objects keyed by resource, namespace and name, one global monotonically
/// increasing resourceVersion, optimistic concurrency, and a change feed for watches. Every write
/// is applied in memory under one lock (which orders resourceVersions and watch events) and then
/// made durable by the persistence writer; the returned task completes once it is on disk.
/// Reading one object takes no lock (the maps are concurrent, the objects immutable), so reads
/// never wait behind writes; lists and watches take the lock for a consistent snapshot.
/// Changes reach watchers in resourceVersion order but outside the write lock: a write queues its
/// change and whichever writer finds the hub free hands every queued change over (waking the
/// watchers' readers under the write lock made every other writer wait on it).
/// </summary>
public sealed class ObjectStore : IAsyncDisposable
{
    private readonly object _gate = new();

    // Held while changes are handed to the hub and while watches subscribe, so a subscriber sees
    // each change exactly once: replayed from the hub's history or handed over after it subscribed.
    private readonly object _publishing = new();
    private readonly Queue<WatchEvent> _unpublished = new();
    private int _unpublishedCount;
    private readonly ConcurrentDictionary<StorageKey, ConcurrentDictionary<(string Ns, string Name), StoredObject>> _objects = new();
    private readonly WatchHub _hub;
    private readonly SqlitePersistence? _persistence;
    private long _resourceVersion;

    private ObjectStore(SqlitePersistence? persistence, int watchWindow)
    {
        _persistence = persistence;
        _hub = new WatchHub(watchWindow);
    }

    /// <summary>An in-memory store (tests, benchmarks).</summary>
    public static ObjectStore InMemory(int watchWindow = 100_000) => new(null, watchWindow);

    /// <summary>A store kept in an SQLite file, resuming whatever the file holds.</summary>
    /// <remarks>A file that is not such a database fails with <see cref="InvalidDataException"/> and is left as it is.</remarks>
    public static ObjectStore Open(string databasePath, int watchWindow = 100_000)
    {
        SqlitePersistence? persistence = null;
        try
        {
            persistence = new SqlitePersistence(databasePath);
            var store = new ObjectStore(persistence, watchWindow);
            var loaded = persistence.LoadAll(out var resourceVersion);
            foreach (var (key, obj) in loaded)
            {
                var stored = new StoredObject(obj, ResourceVersionOf(obj));
                store.Bucket(key)[(stored.Namespace, stored.Name)] = stored;
            }
            store._resourceVersion = resourceVersion;
            store._hub.StartAt(resourceVersion);
            return store;
        }
        catch (Exception e) when (e is SqliteException or JsonException or InvalidDataException)
        {
            persistence?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidDataException($"{databasePath} is not a cluster database that can be read ({e.Message.TrimEnd('.')}); it was left as it is", e);
        }
    }

    public long ResourceVersion => Interlocked.Read(ref _resourceVersion);

    public StoredObject? Get(StorageKey key, string ns, string name) =>
        _objects.TryGetValue(key, out var bucket) && bucket.TryGetValue((ns, name), out var stored) ? stored : null;

    /// <summary>A consistent snapshot of one resource (optionally one namespace) and the version it is at.</summary>
    public (IReadOnlyList<StoredObject> Items, long ResourceVersion) List(StorageKey key, string? ns)
    {
        lock (_gate)
            return (Snapshot(key, ns), _resourceVersion);
    }

    /// <summary>
    /// Start watching. With <paramref name="fromResourceVersion"/> null the current objects come
    /// first (as synthetic ADDED events, returned separately), then every later change.
    /// </summary>
    public (IReadOnlyList<StoredObject> Initial, WatchHub.Subscription Subscription) Watch(StorageKey key, string? ns, long? fromResourceVersion)
    {
        lock (_publishing)
        {
            lock (_gate)
            {
                PublishQueuedLocked();
                var initial = fromResourceVersion is null ? Snapshot(key, ns) : [];
                var subscription = _hub.Subscribe(key, ns, fromResourceVersion ?? _resourceVersion);
                subscription.Gate = _publishing;
                return (initial, subscription);
            }
        }
    }

    /// <summary>
    /// Every object of every resource (or of <paramref name="only"/> these), then every later
    /// change to any of them, in one resourceVersion-ordered feed (built-in controllers keep their
    /// indexes from it). A follower of a few resources names them, so it is not handed every
    /// Event and Lease only to skip it.
    /// </summary>
    public (IReadOnlyList<(StorageKey Key, StoredObject Object)> Initial, WatchHub.Subscription Subscription) WatchAll(IReadOnlySet<StorageKey>? only = null)
    {
        lock (_publishing)
        {
            lock (_gate)
            {
                PublishQueuedLocked();
                var initial = _objects.Where(bucket => only is null || only.Contains(bucket.Key))
                    .SelectMany(bucket => bucket.Value.Values.Select(o => (bucket.Key, o))).ToList();
                var subscription = _hub.Subscribe(null, null, _resourceVersion, only);
                subscription.Gate = _publishing;
                return (initial, subscription);
            }
        }
    }

    public Task<StoredObject> Create(StorageKey key, JsonObject obj)
    {
        StoredObject.Prepare(obj);
        Task<StoredObject> written;
        lock (_gate)
        {
            var (ns, name) = Identity(obj);
            var bucket = Bucket(key);
            if (bucket.ContainsKey((ns, name)))
                throw AlreadyExists(key, name);
            var stored = Stamp(obj);
            bucket[(ns, name)] = stored;
            written = Commit(new WatchEvent(WatchEventType.Added, key, stored));
        }
        Publish();
        return written;
    }

    /// <summary>Replace an object if it is still at <paramref name="expectedResourceVersion"/> (409 Conflict otherwise).</summary>
    public Task<StoredObject> Update(StorageKey key, JsonObject obj, long expectedResourceVersion)
    {
        StoredObject.Prepare(obj);
        Task<StoredObject> written;
        lock (_gate)
        {
            var (ns, name) = Identity(obj);
            var bucket = Bucket(key);
            var current = bucket.GetValueOrDefault((ns, name)) ?? throw NotFound(key, name);
            if (current.ResourceVersion != expectedResourceVersion)
                throw Conflict(key, name);
            var stored = Stamp(obj);
            bucket[(ns, name)] = stored;
            current.MarkSuperseded();
            written = Commit(new WatchEvent(WatchEventType.Modified, key, stored, current));
        }
        Publish();
        return written;
    }

    /// <summary>Remove an object if it is still at <paramref name="expectedResourceVersion"/>.</summary>
    public Task<StoredObject> Delete(StorageKey key, string ns, string name, long expectedResourceVersion)
    {
        Task<StoredObject> written;
        lock (_gate)
        {
            var bucket = Bucket(key);
            var current = bucket.GetValueOrDefault((ns, name)) ?? throw NotFound(key, name);
            if (current.ResourceVersion != expectedResourceVersion)
                throw Conflict(key, name);
            bucket.TryRemove((ns, name), out _);
            var clone = current.CloneObject();
            StoredObject.Prepare(clone);
            var last = Stamp(clone);
            current.MarkSuperseded();
            last.MarkSuperseded();
            written = Commit(new WatchEvent(WatchEventType.Deleted, key, last, current));
        }
        Publish();
        return written;
    }

    /// <summary>Versions up to this one are compacted: a watch or an exact or continued list from them is 410 Gone.</summary>
    public long CompactedThrough => _hub.CompactedThrough;

    /// <summary>Drop the watch history so resuming from any older version answers 410 (fault injection, tests).</summary>
    public void CompactWatchHistory()
    {
        lock (_publishing)
        {
            lock (_gate)
            {
                PublishQueuedLocked();
                _hub.Compact(_resourceVersion);
            }
        }
    }

    public static ApiException NotFound(StorageKey key, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{key} \"{name}\" not found", details: Details(key, name));

    public static ApiException AlreadyExists(StorageKey key, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{key} \"{name}\" already exists", details: Details(key, name));

    public static ApiException Conflict(StorageKey key, string name) =>
        new(HttpStatusCode.Conflict, "Conflict",
            $"Operation cannot be fulfilled on {key} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            details: Details(key, name));

    // The apiserver names the resource (plural) and its group in these errors' details.
    private static StatusDetails Details(StorageKey key, string name) => new(name, key.Group, key.Plural);

    public static long ResourceVersionOf(JsonObject obj) =>
        long.TryParse(JsonRead.AsString(JsonRead.At(obj, "metadata", "resourceVersion")), out var rv) ? rv : 0;

    public async ValueTask DisposeAsync()
    {
        lock (_publishing)
        {
            lock (_gate)
                PublishQueuedLocked();
            _hub.CloseAll();
        }
        if (_persistence is not null)
            await _persistence.DisposeAsync().ConfigureAwait(false);
    }

    private ConcurrentDictionary<(string Ns, string Name), StoredObject> Bucket(StorageKey key) =>
        _objects.GetOrAdd(key, static _ => new ConcurrentDictionary<(string Ns, string Name), StoredObject>());

    private List<StoredObject> Snapshot(StorageKey key, string? ns)
    {
        var bucket = _objects.GetValueOrDefault(key);
        if (bucket is null)
            return [];
        var items = ns is null ? bucket.Values.ToList() : bucket.Values.Where(o => o.Namespace == ns).ToList();
        items.Sort(static (a, b) => a.Namespace != b.Namespace ? string.CompareOrdinal(a.Namespace, b.Namespace) : string.CompareOrdinal(a.Name, b.Name));
        return items;
    }

    private StoredObject Stamp(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject ?? throw ApiException.BadRequest("object has no metadata");
        var rv = Interlocked.Increment(ref _resourceVersion);
        metadata["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject(obj, rv, materialized: true);
    }

    // Under the write lock: the change joins the queue for the hub in resourceVersion order.
    private Task<StoredObject> Commit(WatchEvent change)
    {
        _unpublished.Enqueue(change);
        _unpublishedCount++;
        if (_persistence is null)
            return Task.FromResult(change.Object);
        return _persistence.Enqueue(change);
    }

    /// <summary>
    /// After a write, outside the write lock: hand the queued changes to the hub unless another
    /// writer is doing so; that one looks at the queue again after letting go, so no change waits
    /// for a later write.
    /// </summary>
    private void Publish()
    {
        while (Volatile.Read(ref _unpublishedCount) > 0)
        {
            if (!Monitor.TryEnter(_publishing))
                return;
            try
            {
                PublishQueued();
            }
            finally
            {
                Monitor.Exit(_publishing);
            }
        }
    }

    // With _publishing held.
    private void PublishQueued()
    {
        while (true)
        {
            WatchEvent[] batch;
            lock (_gate)
            {
                if (_unpublished.Count == 0)
                    return;
                batch = [.. _unpublished];
                _unpublished.Clear();
                _unpublishedCount = 0;
            }
            foreach (var change in batch)
                _hub.Publish(change);
        }
    }

    // With both locks held: nothing can join the queue meanwhile, so the hub has every change after.
    private void PublishQueuedLocked()
    {
        while (_unpublished.TryDequeue(out var change))
            _hub.Publish(change);
        _unpublishedCount = 0;
    }

    private static (string Ns, string Name) Identity(JsonObject obj)
    {
        var name = JsonRead.AsString(JsonRead.At(obj, "metadata", "name"));
        if (string.IsNullOrEmpty(name))
            throw ApiException.BadRequest("metadata.name is required");
        return (JsonRead.AsString(JsonRead.At(obj, "metadata", "namespace")) ?? "", name);
    }
}
