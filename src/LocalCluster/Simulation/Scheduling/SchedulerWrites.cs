using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>What became of a binding write.</summary>
internal enum BindOutcome
{
    Bound,

    /// <summary>The pod is gone, being deleted, or bound already: the feed will tell what it is now.</summary>
    Settled,

    /// <summary>A passing failure: try the pod again.</summary>
    Retry,
}

/// <summary>
/// The scheduler's writes, all through <see cref="ResourceService"/> like any client's: the
/// pods/binding subresource, the PodScheduled condition through pods/status, and core/v1 Events
/// from default-scheduler (a repeated FailedScheduling bumps its event's count, as the event
/// recorder's aggregation does, so `kubectl describe` shows "x3 over 20s").
/// </summary>
internal sealed class SchedulerWrites(ResourceService service)
{
    private readonly ObjectWrites _writes = new(service);
    private readonly ResourceType _pods = service.Registry.Find("", "v1", "pods")!;
    private readonly ResourceType _events = service.Registry.Find("", "v1", "events")!;
    private long _eventSequence;

    public async Task<BindOutcome> Bind(PodFacts pod, string node, CancellationToken cancellationToken)
    {
        var binding = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Binding",
            ["metadata"] = new JsonObject { ["name"] = pod.Name, ["namespace"] = pod.Namespace, ["uid"] = pod.Uid },
            ["target"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node },
        };
        try
        {
            await PodBinding.Bind(service, _pods, pod.Namespace, pod.Name, binding, cancellationToken).ConfigureAwait(false);
            return BindOutcome.Bound;
        }
        catch (ApiException e) when (e.Reason is "NotFound" or "Conflict" or "InternalError")
        {
            return BindOutcome.Settled;
        }
        catch (ApiException)
        {
            return BindOutcome.Retry;
        }
    }

    /// <summary>PodScheduled=False, reason Unschedulable; false when the pod is gone or was bound meanwhile.</summary>
    public Task<bool> MarkUnschedulable(PodFacts pod, string message, DateTimeOffset now, CancellationToken cancellationToken) =>
        _writes.Mutate(_pods, pod.Namespace, pod.Name, pod.Uid, obj =>
        {
            if (JsonRead.Str(obj, "spec", "nodeName").Length == 0)
                PodConditions.SetUnschedulable(obj, message, now);
        }, "status", cancellationToken);

    /// <summary>A new event about the pod; returns its name (null if it could not be created).</summary>
    public async Task<string?> CreateEvent(PodFacts pod, string type, string reason, string action, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stamp = ObjectMeta.Timestamp(now);
        var name = $"{pod.Name}.{now.ToUnixTimeMilliseconds() * 1_000_000 + Interlocked.Increment(ref _eventSequence) % 1_000_000:x}";
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = pod.Namespace },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Pod", ["namespace"] = pod.Namespace, ["name"] = pod.Name, ["uid"] = pod.Uid,
            },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["action"] = action,
            ["source"] = new JsonObject { ["component"] = SimulationConventions.DefaultSchedulerName },
            ["reportingComponent"] = SimulationConventions.DefaultSchedulerName,
            ["reportingInstance"] = "",
            ["firstTimestamp"] = stamp,
            ["lastTimestamp"] = stamp,
            ["count"] = 1,
        };
        return await _writes.Create(_events, pod.Namespace, ev, cancellationToken).ConfigureAwait(false) ? name : null;
    }

    /// <summary>The same event happened <paramref name="times"/> more times; false if the event is gone.</summary>
    public async Task<bool> RepeatEvent(string ns, string name, int times, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await service.Update(_events, ns, name, current =>
            {
                var next = current.CloneObject();
                next["count"] = JsonRead.Int(next, "count") + times;
                next["lastTimestamp"] = ObjectMeta.Timestamp(now);
                ObjectMeta.Metadata(next).Remove("resourceVersion");
                return next;
            }, null, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiException e) when (e.Reason == "NotFound")
        {
            return false;
        }
    }

    public static string ScheduledMessage(PodFacts pod, string node) =>
        string.Create(CultureInfo.InvariantCulture, $"Successfully assigned {pod.Namespace}/{pod.Name} to {node}");
}
