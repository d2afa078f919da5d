using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>
/// The writes built-in controllers make, all through <see cref="ResourceService"/> so admission,
/// finalizers, graceful deletion and watch events apply as to any client. Each names the object
/// by uid too: one deleted and recreated under the same name meanwhile is left alone.
/// </summary>
internal sealed class ObjectWrites(ResourceService service)
{
    public ResourceService Service => service;

    /// <summary>Delete with a propagation policy; false when the object is gone or was replaced.</summary>
    public async Task<bool> Delete(ResourceType type, string ns, string name, string uid, string propagationPolicy, CancellationToken cancellationToken)
    {
        try
        {
            var options = new DeleteOptions(PropagationPolicy: propagationPolicy, PreconditionUid: uid);
            await service.Delete(type, Scope(type, ns), name, options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiException e) when (e.Reason == "NotFound" || IsUidConflict(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Change an object in place (the main resource, or a subresource such as status or
    /// finalize), retrying on conflicts with whatever is current; a change that changes nothing
    /// writes nothing. False when the object is gone or was replaced.
    /// </summary>
    public async Task<bool> Mutate(ResourceType type, string ns, string name, string uid, Action<JsonObject> change, string? subresource, CancellationToken cancellationToken)
    {
        try
        {
            await service.Update(type, Scope(type, ns), name, current =>
            {
                if (ObjectMeta.Uid(current.Object) != uid)
                    throw new ObjectReplacedException();
                var next = current.CloneObject();
                change(next);
                // No resourceVersion: the update is unconditional and retried on conflicts with the fresh object.
                ObjectMeta.Metadata(next).Remove("resourceVersion");
                return next;
            }, subresource, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiException e) when (e.Reason == "NotFound")
        {
            return false;
        }
        catch (ObjectReplacedException)
        {
            return false;
        }
    }

    /// <summary>Create unless it exists; false also when its namespace is gone or terminating.</summary>
    public async Task<bool> Create(ResourceType type, string ns, JsonObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await service.Create(type, Scope(type, ns), obj, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiException e) when (e.Reason is "AlreadyExists" or "NotFound" or "Forbidden")
        {
            return false;
        }
    }

    private static string? Scope(ResourceType type, string ns) => type.Namespaced ? ns : null;

    private static bool IsUidConflict(ApiException e) =>
        e.Reason == "Conflict" && e.Message.StartsWith("Precondition failed: UID", StringComparison.Ordinal);

    private sealed class ObjectReplacedException : Exception
    {
        public ObjectReplacedException()
            : base("the object was deleted and recreated")
        {
        }
    }
}
