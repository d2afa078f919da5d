using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Http;
using Kruise.Actors.LocalCluster.Patching;
using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// The MutatingAdmissionWebhook plugin: every matching webhook of every
/// MutatingWebhookConfiguration is called in turn (configurations by name), each seeing the object
/// as the previous ones left it, and its JSONPatch is applied. A webhook with reinvocationPolicy
/// IfNeeded is called once more if a later webhook changed the object.
/// </summary>
internal sealed class MutatingWebhookAdmission(WebhookConfigurations configurations, WebhookMatcher matcher, WebhookCaller caller) : IAdmissionStep
{
    public bool Mutating => true;

    public async Task Admit(AdmissionRequest request, CancellationToken cancellationToken)
    {
        // Webhook configurations are exempt so a broken webhook can always be removed, and a
        // DELETE has no object to mutate (the apiserver never calls mutating webhooks for it).
        if (request.Type.Group == WebhookConfigurations.Group || request.Operation == "DELETE")
            return;
        var hooks = configurations.Current();
        if (hooks.Count == 0)
            return;
        var previouslyInvoked = new HashSet<string>(StringComparer.Ordinal);
        var reinvoke = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 2; round++)
        {
            if (round == 1 && reinvoke.Count == 0)
                return;
            foreach (var hook in hooks)
            {
                if (round == 1 && !reinvoke.Contains(hook.Uid))
                    continue;
                var attributes = WebhookAttributes.Of(request);
                if (matcher.Match(hook, attributes) is not { } invocation)
                    continue;
                WebhookCallException? failure = null;
                var changed = false;
                try
                {
                    changed = await CallOne(invocation, attributes, request, cancellationToken).ConfigureAwait(false);
                }
                catch (WebhookCallException e)
                {
                    failure = e;
                }
                if (changed)
                {
                    // The object changed under the webhooks called before: they may want another look.
                    reinvoke.UnionWith(previouslyInvoked);
                    previouslyInvoked.Clear();
                }
                if (hook.ReinvokeIfNeeded)
                    previouslyInvoked.Add(hook.Uid);
                if (failure is not null && !hook.IgnoreFailures)
                    throw WebhookCaller.Failed(failure);
            }
        }
    }

    /// <summary>Calls the webhook and applies its patch; true when the object changed.</summary>
    private async Task<bool> CallOne(WebhookInvocation invocation, WebhookAttributes attributes, AdmissionRequest request, CancellationToken cancellationToken)
    {
        var hook = invocation.Hook;
        var response = await caller.Call(invocation, attributes, mutating: true, cancellationToken).ConfigureAwait(false);
        request.Options.Warnings.AddRange(response.Warnings);
        if (!response.Allowed)
            throw WebhookErrors.Denied(hook.Name, response.Status);
        if (response.Patch is null)
            return false;
        if (response.Patch is not JsonArray operations)
            throw new WebhookCallException(hook.Name, "received undecodable patch in webhook response: a JSON patch must be an array of operations");
        if (operations.Count == 0)
            return false;
        var sent = attributes.AtVersion(attributes.Object, invocation.Resource)
            ?? throw WebhookErrors.Internal($"admission webhook \"{hook.Name}\" attempted to modify the object, which is not supported for this operation");
        JsonNode patched;
        try
        {
            patched = JsonPatch.Apply(sent, operations);
        }
        catch (ApiException e)
        {
            throw WebhookErrors.Internal(e.Message);
        }
        if (patched is not JsonObject result)
            throw WebhookErrors.Internal($"admission webhook \"{hook.Name}\" patched the object into a non-object");
        if (JsonNode.DeepEquals(sent, result))
            return false;
        request.Object = Apply(attributes, request, result);
        return true;
    }

    /// <summary>The request's object with the patched view taken in.</summary>
    private static JsonObject Apply(WebhookAttributes attributes, AdmissionRequest request, JsonObject patched)
    {
        if (attributes.ObjectIsResource)
        {
            // Back to the version the object is stored at; a custom resource is pruned and
            // defaulted again, as the apiserver does with a webhook's output.
            patched["apiVersion"] = JsonRead.Str(request.Object, "apiVersion");
            return CustomResourceSchema.PruneAndDefault(request.Type, patched, new WriteOptions { FieldValidation = "Ignore" });
        }
        if (attributes.Subresource == "scale" && request.Type.Scale is { } scale)
        {
            // Only spec.replicas of a Scale maps back onto the workload.
            var next = (JsonObject)request.Object.DeepClone();
            SimpleJsonPath.Set(next, scale.SpecReplicasPath, JsonRead.At(patched, "spec", "replicas")?.DeepClone());
            return next;
        }
        return patched;
    }
}
