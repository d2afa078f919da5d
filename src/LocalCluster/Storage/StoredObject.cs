using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Storage;

/// <summary>
/// One version of one object as stored. Never mutated once stored: handlers that change an
/// object deep-clone <see cref="Object"/> first. <see cref="Json"/> is the same object
/// serialized once, on first use (a read, a watcher, the persistence writer), so reads and watch
/// fan-out write bytes without serializing again, a write under the store's lock does not
/// serialize at all, and a version no one reads as bytes (in-process clients) is never serialized.
/// A version the watch history keeps only for replays can be compacted to its bytes
/// (<see cref="Compact"/>): the tree is many times the size of the bytes, and keeping every
/// superseded pod version and Event as a tree was most of the heap a pod start left behind.
/// Reading <see cref="Object"/> of a compacted version parses the bytes again.
/// </summary>
public sealed class StoredObject
{
    private byte[]? _json;
    private JsonObject? _object;

    // The last tree parsed from the bytes of a compacted version, held weakly: a replay or a
    // lagging watcher reads the same version several times, but nothing keeps it alive.
    private WeakReference<JsonObject>? _parsed;
    private volatile bool _superseded;

    public StoredObject(JsonObject obj, long resourceVersion)
        : this(obj, resourceVersion, materialized: false)
    {
    }

    // materialized: the caller walked the tree with Prepare already, outside the store's lock.
    internal StoredObject(JsonObject obj, long resourceVersion, bool materialized)
    {
        if (!materialized)
            Materialize(obj);
        _object = obj;
        ResourceVersion = resourceVersion;
        Namespace = JsonRead.AsString(JsonRead.At(obj, "metadata", "namespace")) ?? "";
        Name = JsonRead.AsString(JsonRead.At(obj, "metadata", "name")) ?? "";
    }

    public JsonObject Object => Volatile.Read(ref _object) ?? Reparse();

    public byte[] Json
    {
        get
        {
            var json = Volatile.Read(ref _json);
            if (json is not null)
                return json;
            // Two first readers may both serialize; they produce the same bytes and one is kept.
            // Only a version still holding its tree has no bytes (Compact serializes first).
            json = Serialize(Object);
            return Interlocked.CompareExchange(ref _json, json, null) ?? json;
        }
    }

    /// <summary>Whether the tree was dropped for the bytes (see <see cref="Compact"/>).</summary>
    public bool IsCompacted => Volatile.Read(ref _object) is null;

    /// <summary>
    /// Set by the store when a newer version replaced this one or the object was deleted: from
    /// then on only watch replays and watchers still catching up read it.
    /// </summary>
    internal bool IsSuperseded => _superseded;

    internal void MarkSuperseded() => _superseded = true;

    /// <summary>
    /// Keep this version as its serialized bytes only. Readers holding the tree keep using it
    /// (it is never mutated); later readers of <see cref="Object"/> get the bytes parsed again.
    /// </summary>
    internal void Compact()
    {
        _ = Json;
        Volatile.Write(ref _object, null);
    }

    private JsonObject Reparse()
    {
        var parsed = Volatile.Read(ref _parsed);
        if (parsed is not null && parsed.TryGetTarget(out var cached))
            return cached;
        var obj = Parse();
        Materialize(obj);
        Volatile.Write(ref _parsed, new WeakReference<JsonObject>(obj));
        return obj;
    }

    // Only a compacted version, whose bytes are kept, is parsed.
    private JsonObject Parse() =>
        JsonNode.Parse(Volatile.Read(ref _json)) as JsonObject
            ?? throw new InvalidDataException($"stored version {ResourceVersion} of {Namespace}/{Name} is not a JSON object");
    public long ResourceVersion { get; }
    public string Namespace { get; }
    public string Name { get; }

    public JsonObject? Metadata => Object["metadata"] as JsonObject;

    public IDictionary<string, string>? Labels =>
        (Metadata?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => JsonRead.AsString(p.Value) ?? "");

    /// <summary>A private copy to change and store again.</summary>
    public JsonObject CloneObject() =>
        Volatile.Read(ref _object) is { } tree ? (JsonObject)tree.DeepClone() : Parse(); // parsing the bytes gives a copy already

    // A writer and its buffer per thread, reused by every write: a fresh 4 KiB buffer and writer
    // per stored version were a fifth of the bytes a pod create allocated in the server.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    // A buffer grown past this by one large object is not kept for the thread's next write.
    private const int KeptBufferBytes = 256 * 1024;

    // The bytes ToJsonString would give (same default writer), without the UTF-16 string in between.
    private static byte[] Serialize(JsonObject obj)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = _threadWriter;
        if (writer is null)
            _threadWriter = writer = new Utf8JsonWriter(buffer);
        else
            writer.Reset(buffer);
        try
        {
            obj.WriteTo(writer);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > KeptBufferBytes)
                (_threadBuffer, _threadWriter) = (null, null);
        }
    }

    /// <summary>Makes a tree safe to store (see <see cref="Materialize"/>), before the store's lock is taken.</summary>
    internal static void Prepare(JsonObject obj) => Materialize(obj);

    // JsonNode.Parse builds children lazily and that first access is not thread-safe; walking
    // the tree once here makes the stored object safe to read from many requests at once.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    Materialize(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    Materialize(child);
                break;
        }
    }
}

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// A change to one object; for Deleted, the object as it was last, at the deletion's
/// resourceVersion. Previous lets a filtered watch tell an object entering or leaving its
/// selection (sent as ADDED or DELETED) from one that merely changed.
/// </summary>
public sealed record WatchEvent(WatchEventType Type, Resources.StorageKey Key, StoredObject Object, StoredObject? Previous = null)
{
    public long ResourceVersion => Object.ResourceVersion;
}
