using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Events;

/// <summary>
/// Writes the core/v1 Events of one simulated component (kubelet, default-scheduler,
/// node-controller) in the background, as client-go's event broadcaster does: a bounded queue
/// that drops events when the API cannot keep up (no pod start or binding waits for its events),
/// and an event repeated for the same object (same field, type, reason and message) bumps the
/// count and lastTimestamp of the one already written, so `kubectl describe` shows "(x2 over 5m)".
/// A write that fails is dropped: events are best effort.
/// </summary>
internal sealed class EventRecorder
{
    private const int QueueLength = 10_000;
    private const int RememberedEvents = 20_000;

    private readonly ResourceService _service;
    private readonly ResourceType _events;
    private readonly string _component;
    private readonly int _writers;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly object _gate = new();
    private readonly Dictionary<EventKey, (string Name, int Count)> _written = [];
    private Task _workers = Task.CompletedTask;
    private long _lastName;

    public EventRecorder(ResourceService service, string component, int writers, ILogger logger, CancellationToken stopping)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _service = service;
        _events = service.Registry.Storage(new StorageKey("", "events")) ?? throw new InvalidOperationException("the API server serves no events");
        _component = component;
        _writers = writers;
        _logger = logger;
        _stopping = stopping;
    }

    public void Start() =>
        _workers = Task.WhenAll(Enumerable.Range(0, _writers).Select(_ => Task.Run(Work)));

    /// <summary>Writes what is queued already (unless stopping was requested), then ends the writers.</summary>
    public async Task Stop()
    {
        _queue.Writer.TryComplete();
        await _workers.ConfigureAwait(false);
    }

    public void Record(EventSubject about, EventNote note) => _queue.Writer.TryWrite(new Pending(about, note));

    private async Task Work()
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_stopping.IsCancellationRequested)
                return;
            try
            {
                await Write(pending).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogDebug(e, "{Component} event {Reason} for {Kind} {Namespace}/{Name} not written", _component, pending.Note.Reason, pending.About.Kind, pending.About.Namespace, pending.About.Name);
            }
        }
    }

    private async Task Write(Pending pending)
    {
        var (about, note) = pending;
        var key = new EventKey(about.Namespace, about.Uid, about.FieldPath, note.Type, note.Reason, note.Message, note.Host);
        (string Name, int Count) known;
        bool repeated;
        lock (_gate)
        {
            repeated = _written.TryGetValue(key, out known);
            if (!repeated && _written.Count >= RememberedEvents)
                _written.Clear();
            known = repeated ? (known.Name, known.Count + note.Times) : (NewName(about.Name, note.At), note.Times);
            _written[key] = known;
        }
        var at = ObjectMeta.Timestamp(note.At);
        var ns = about.EventNamespace;
        if (repeated)
        {
            try
            {
                await _service.Update(_events, ns, known.Name, current =>
                {
                    var next = current.CloneObject();
                    next["count"] = Math.Max(known.Count, (int)JsonRead.Int(next, "count") + note.Times);
                    next["lastTimestamp"] = at;
                    ObjectMeta.Metadata(next).Remove("resourceVersion");
                    return next;
                }, null, WriteOptions.Component, _stopping).ConfigureAwait(false);
                return;
            }
            catch (ApiException notFound) when (notFound.Reason == "NotFound")
            {
                // The first one was dropped or deleted: write this one afresh under the same name.
            }
        }
        await _service.Create(_events, ns, EventObject(about, note, known.Name, ns, at, known.Count), WriteOptions.Component, _stopping).ConfigureAwait(false);
    }

    private JsonObject EventObject(EventSubject about, EventNote note, string name, string ns, string at, int count)
    {
        var source = new JsonObject { ["component"] = _component };
        if (note.Host is not null)
            source["host"] = note.Host;
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = about.ToJson(),
            ["reason"] = note.Reason,
            ["message"] = note.Message,
            ["type"] = note.Type,
            ["source"] = source,
            ["firstTimestamp"] = at,
            ["lastTimestamp"] = at,
            ["count"] = count,
            ["reportingComponent"] = _component,
            ["reportingInstance"] = note.Host ?? "",
        };
        if (note.Action is not null)
            ev["action"] = note.Action;
        return ev;
    }

    // client-go names events <object>.<unix nanoseconds in hex>; kept strictly increasing so
    // events of the same instant get distinct names.
    private string NewName(string subject, DateTimeOffset at)
    {
        var nanos = (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        long name;
        do
        {
            var last = Interlocked.Read(ref _lastName);
            name = Math.Max(nanos, last + 1);
            if (Interlocked.CompareExchange(ref _lastName, name, last) == last)
                break;
        }
        while (true);
        return $"{subject}.{name.ToString("x", CultureInfo.InvariantCulture)}";
    }

    private sealed record Pending(EventSubject About, EventNote Note);

    private sealed record EventKey(string Namespace, string Uid, string? FieldPath, string Type, string Reason, string Message, string? Host);
}
