using System.Net;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// pods/binding, the scheduler's write: assigns a pending pod to the node a Binding names, as the
/// apiserver's BindingREST does (the Binding's uid is a precondition, its annotations are copied,
/// and PodScheduled turns True). The HTTP endpoint and the in-process scheduler both bind here.
/// </summary>
public static class PodBinding
{
    public static Task<StoredObject> Bind(ResourceService service, ResourceType pods, string? ns, string name, JsonObject binding, CancellationToken cancellationToken) =>
        Bind(service, pods, ns, name, binding, WriteOptions.Default, cancellationToken);

    internal static async Task<StoredObject> Bind(ResourceService service, ResourceType pods, string? ns, string name, JsonObject binding, WriteOptions options, CancellationToken cancellationToken)
    {
        var node = JsonRead.Str(binding, "target", "name");
        if (node.Length == 0)
            throw ApiException.Invalid("Binding", name, [new("FieldValueRequired", "target.name", "Required value")]);
        var uid = JsonRead.Str(binding, "metadata", "uid");
        var annotations = JsonRead.StringMap(binding, "metadata", "annotations");
        return await service.Update(pods, ns, name, current =>
        {
            var currentUid = ObjectMeta.Uid(current.Object);
            if (uid.Length > 0 && uid != currentUid)
                throw new ApiException(HttpStatusCode.Conflict, "Conflict", $"Precondition failed: UID in precondition: {uid}, UID in object meta: {currentUid}");
            if (ObjectMeta.IsDeleting(current.Object))
                throw new ApiException(HttpStatusCode.InternalServerError, "InternalError", $"Internal error occurred: pod {name} is being deleted, cannot be assigned to a host");
            if (JsonRead.Str(current.Object, "spec", "nodeName") is { Length: > 0 } bound)
                throw Conflict(name, $"pod {name} is already assigned to node \"{bound}\"");
            if (JsonRead.Count(current.Object, "spec", "schedulingGates") > 0)
                throw Conflict(name, $"pod {name} has non-empty .spec.schedulingGates");
            var next = current.CloneObject();
            ((JsonObject)next["spec"]!)["nodeName"] = node;
            if (annotations.Count > 0)
            {
                var metadata = ObjectMeta.Metadata(next);
                var target = metadata["annotations"] as JsonObject ?? [];
                foreach (var (key, value) in annotations)
                    target[key] = value;
                metadata["annotations"] = target;
            }
            MarkScheduled(next, service.Clock.GetUtcNow());
            return next;
        }, "binding", options, cancellationToken).ConfigureAwait(false);
    }

    private static ApiException Conflict(string name, string why) =>
        new(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": {why}");

    // podutil.UpdatePodCondition with {PodScheduled, True}: an earlier Unschedulable reason and
    // message go, and the transition time moves only when the status does.
    private static void MarkScheduled(JsonObject pod, DateTimeOffset now)
    {
        var status = pod["status"] as JsonObject ?? [];
        pod["status"] = status;
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonRead.Str(c, "type") == "PodScheduled");
        var transition = existing is not null && JsonRead.Str(existing, "status") == "True" && existing["lastTransitionTime"] is { } kept
            ? kept.DeepClone()
            : ObjectMeta.Timestamp(now);
        var scheduled = new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = transition };
        if (existing is null)
            conditions.Add(scheduled);
        else
            conditions[conditions.IndexOf(existing)] = scheduled;
    }
}
