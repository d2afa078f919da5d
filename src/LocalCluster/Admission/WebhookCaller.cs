namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// One call of one webhook, shared by the mutating and validating steps: the dry-run check, the
/// AdmissionReview round trip and the checks of the answer (mutating/dispatcher.go
/// callAttrMutatingHook, validating/dispatcher.go callHook).
/// </summary>
internal sealed class WebhookCaller(WebhookClient client, WebhookTargets targets)
{
    public async Task<WebhookResponse> Call(WebhookInvocation invocation, WebhookAttributes attributes, bool mutating, CancellationToken cancellationToken)
    {
        var hook = invocation.Hook;
        // A webhook with side effects must not be called for a dry run: the request is refused
        // (whatever the failurePolicy) rather than the side effect made or the webhook skipped.
        if (attributes.DryRun)
        {
            if (hook.SideEffects is null)
                throw new WebhookCallException(hook.Name, "Webhook SideEffects is nil");
            if (hook.SideEffects is not ("None" or "NoneOnDryRun"))
                throw WebhookErrors.DryRunUnsupported(hook.Name);
        }
        var version = AdmissionReviews.VersionFor(hook)
            ?? throw new WebhookCallException(hook.Name, "could not create admission objects: webhook does not accept known AdmissionReview versions (v1, v1beta1)");
        var uid = Guid.NewGuid().ToString();
        var review = AdmissionReviews.Request(version, uid, invocation, attributes);
        var target = targets.Resolve(hook);
        var answer = await client.Post(hook, target, review, cancellationToken).ConfigureAwait(false);
        return AdmissionReviews.Verify(hook.Name, version, uid, mutating, answer);
    }

    /// <summary>A call failure under failurePolicy Fail: the request fails with 500.</summary>
    public static ApiException Failed(WebhookCallException failure) => WebhookErrors.Internal(failure.Message);
}
