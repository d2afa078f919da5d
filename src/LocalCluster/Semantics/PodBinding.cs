using System.Net;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// pods/binding, the scheduler's write: assigns a pending pod to the node a Binding names. The
/// HTTP endpoint and the in-process scheduler both bind through here.
/// </summary>
public static class PodBinding
{
    public static async Task<StoredObject> Bind(ResourceService service, ResourceType pods, string? ns, string name, JsonObject binding, CancellationToken cancellationToken)
    {
        var node = JsonRead.Str(binding, "target", "name");
        if (node.Length == 0)
            throw ApiException.Invalid("Binding", name, [new("FieldValueRequired", "target.name", "Required value")]);
        return await service.Update(pods, ns, name, current =>
        {
            if (JsonRead.Str(current.Object, "spec", "nodeName") is { Length: > 0 } bound)
                throw new ApiException(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{name}\": pod {name} is already assigned to node \"{bound}\"");
            var next = current.CloneObject();
            ((JsonObject)next["spec"]!)["nodeName"] = node;
            return next;
        }, "binding", WriteOptions.Default, cancellationToken).ConfigureAwait(false);
    }
}
