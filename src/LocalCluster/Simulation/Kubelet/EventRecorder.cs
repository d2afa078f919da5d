using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// Writes the kubelet's Events in the background, as client-go's event broadcaster does: a
/// bounded queue that drops events when the API cannot keep up (pod starts never wait for their
/// events), and an event repeated for the same object (same container, reason and message) bumps
/// the count and lastTimestamp of the one already written, so `kubectl describe` shows "(x2 over 5m)".
/// </summary>
internal sealed class EventRecorder
{
    private const int QueueLength = 10_000;
    private const int Writers = 8;
    private const int RememberedEvents = 20_000;

    private readonly ObjectWrites _writes;
    private readonly ResourceType _events;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly object _gate = new();
    private readonly Dictionary<EventKey, (string Name, int Count)> _written = [];
    private Task _workers = Task.CompletedTask;
    private long _lastName;

    public EventRecorder(ObjectWrites writes, ILogger logger, CancellationToken stopping)
    {
        _writes = writes;
        _events = writes.Service.Registry.Storage(new StorageKey("", "events")) ?? throw new InvalidOperationException("the API server serves no events");
        _logger = logger;
        _stopping = stopping;
    }

    public void Start() =>
        _workers = Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(Work)));

    public async Task Stop()
    {
        _queue.Writer.TryComplete();
        await _workers.ConfigureAwait(false);
    }

    public void Record(PodView pod, string node, KubeletEvent kubeletEvent) =>
        _queue.Writer.TryWrite(new Pending(pod.Namespace, pod.Name, pod.Uid, node, kubeletEvent));

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
                // An event that cannot be written is dropped, as the real broadcaster does after its retries.
                _logger.LogDebug(e, "kubelet event {Reason} for {Namespace}/{Pod} not written", pending.Event.Reason, pending.Namespace, pending.Pod);
            }
        }
    }

    private async Task Write(Pending pending)
    {
        var e = pending.Event;
        var key = new EventKey(pending.Namespace, pending.Uid, e.FieldPath, e.Type, e.Reason, e.Message);
        (string Name, int Count) known;
        bool repeated;
        lock (_gate)
        {
            repeated = _written.TryGetValue(key, out known);
            if (!repeated && _written.Count >= RememberedEvents)
                _written.Clear();
            known = repeated ? (known.Name, known.Count + 1) : (NewName(pending.Pod, e.At), 1);
            _written[key] = known;
        }
        var at = ObjectMeta.Timestamp(e.At);
        if (repeated)
        {
            try
            {
                await _writes.Service.Update(_events, pending.Namespace, known.Name, current =>
                {
                    var next = current.CloneObject();
                    next["count"] = Math.Max(known.Count, (int)JsonRead.Int(next, "count") + 1);
                    next["lastTimestamp"] = at;
                    ObjectMeta.Metadata(next).Remove("resourceVersion");
                    return next;
                }, null, WriteOptions.Default, _stopping).ConfigureAwait(false);
                return;
            }
            catch (ApiException notFound) when (notFound.Reason == "NotFound")
            {
                // The first one was dropped or deleted: write this one afresh under the same name.
            }
        }
        await _writes.Create(_events, pending.Namespace, EventObject(pending, known.Name, at), _stopping).ConfigureAwait(false);
    }

    private static JsonObject EventObject(Pending pending, string name, string at)
    {
        var e = pending.Event;
        var involved = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["name"] = pending.Pod,
            ["namespace"] = pending.Namespace,
            ["uid"] = pending.Uid,
        };
        if (e.FieldPath is not null)
            involved["fieldPath"] = e.FieldPath;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = pending.Namespace },
            ["involvedObject"] = involved,
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["type"] = e.Type,
            ["source"] = new JsonObject { ["component"] = "kubelet", ["host"] = pending.Node },
            ["firstTimestamp"] = at,
            ["lastTimestamp"] = at,
            ["count"] = 1,
            ["reportingComponent"] = "kubelet",
            ["reportingInstance"] = pending.Node,
        };
    }

    // client-go names events <object>.<unix nanoseconds in hex>; kept strictly increasing so
    // events of the same instant get distinct names.
    private string NewName(string pod, DateTimeOffset at)
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
        return $"{pod}.{name.ToString("x", CultureInfo.InvariantCulture)}";
    }

    private sealed record Pending(string Namespace, string Pod, string Uid, string Node, KubeletEvent Event);

    private sealed record EventKey(string Namespace, string Uid, string? FieldPath, string Type, string Reason, string Message);
}
