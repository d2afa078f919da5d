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
/// pods/binding subresource and the PodScheduled condition through pods/status (its Events go
/// through the shared <see cref="Events.EventRecorder"/>).
/// </summary>
internal sealed class SchedulerWrites(ResourceService service)
{
    private readonly ObjectWrites _writes = new(service);
    private readonly ResourceType _pods = service.Registry.Find("", "v1", "pods")!;

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
            await PodBinding.Bind(service, _pods, pod.Namespace, pod.Name, binding, WriteOptions.Component, cancellationToken).ConfigureAwait(false);
            return BindOutcome.Bound;
        }
        catch (ApiException e) when (e.Reason is "NotFound" or "Conflict" or "InternalError")
        {
            // Settled only if the pod really is gone, deleting or bound: a pod still waiting (say,
            // conflicts outlasted the retries) would otherwise never be tried again, since no
            // change of it may follow to bring it back.
            return StillWaiting(pod) ? BindOutcome.Retry : BindOutcome.Settled;
        }
        catch (ApiException)
        {
            return BindOutcome.Retry;
        }
    }

    private bool StillWaiting(PodFacts pod)
    {
        try
        {
            var current = service.Get(_pods, pod.Namespace, pod.Name).Object;
            return ObjectMeta.Uid(current) == pod.Uid && !ObjectMeta.IsDeleting(current)
                && JsonRead.Str(current, "spec", "nodeName").Length == 0 && JsonRead.Count(current, "spec", "schedulingGates") == 0;
        }
        catch (ApiException e) when (e.Reason == "NotFound")
        {
            return false;
        }
    }

    /// <summary>PodScheduled=False, reason Unschedulable; false when the pod is gone or was bound meanwhile.</summary>
    public Task<bool> MarkUnschedulable(PodFacts pod, string message, DateTimeOffset now, CancellationToken cancellationToken) =>
        _writes.Mutate(_pods, pod.Namespace, pod.Name, pod.Uid, obj =>
        {
            if (JsonRead.Str(obj, "spec", "nodeName").Length == 0)
                PodConditions.SetUnschedulable(obj, message, now);
        }, "status", cancellationToken);

    public static string ScheduledMessage(PodFacts pod, string node) =>
        string.Create(CultureInfo.InvariantCulture, $"Successfully assigned {pod.Namespace}/{pod.Name} to {node}");
}
