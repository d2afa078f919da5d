using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes;

/// <summary>
/// core/v1 Events as client-go's recorder writes them (what `kubectl describe` lists). Events about
/// cluster-scoped objects (nodes) go to the default namespace, as upstream's do. A failed event
/// write is dropped, as the recorder drops it: events are best effort.
/// </summary>
internal sealed class EventRecorder(ObjectWrites writes, string component)
{
    public async Task Record(JsonObject involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var events = writes.Service.Registry.Find("", "v1", "events")!;
        var now = writes.Service.Clock.GetUtcNow();
        var name = ObjectMeta.Name(involved) ?? "";
        var ns = ObjectMeta.Namespace(involved) is { Length: > 0 } own ? own : "default";
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{name}.{(now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100:x}{Random.Shared.Next(0x1000):x3}",
                ["namespace"] = ns,
            },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = JsonRead.Str(involved, "apiVersion"),
                ["kind"] = JsonRead.Str(involved, "kind"),
                ["name"] = name,
                ["uid"] = ObjectMeta.Uid(involved),
                ["resourceVersion"] = JsonRead.Str(involved, "metadata", "resourceVersion"),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = ObjectMeta.Timestamp(now),
            ["lastTimestamp"] = ObjectMeta.Timestamp(now),
            ["count"] = 1,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        };
        if (ObjectMeta.Namespace(involved) is { Length: > 0 } involvedNamespace)
            ((JsonObject)ev["involvedObject"]!)["namespace"] = involvedNamespace;
        try
        {
            await writes.Create(events, ns, ev, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException)
        {
        }
    }
}
