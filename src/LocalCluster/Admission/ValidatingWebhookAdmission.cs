using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// The ValidatingAdmissionWebhook plugin: every matching webhook of every
/// ValidatingWebhookConfiguration is called at once with the final object; the request fails with
/// the first refusal (in configuration order) or, under failurePolicy Fail, the first call failure.
/// </summary>
internal sealed class ValidatingWebhookAdmission(WebhookConfigurations configurations, WebhookMatcher matcher, WebhookCaller caller) : IAdmissionStep
{
    public bool Mutating => false;

    public async Task Admit(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Type.Group == WebhookConfigurations.Group)
            return;
        var hooks = configurations.Current();
        if (hooks.Count == 0)
            return;
        var attributes = WebhookAttributes.Of(request);
        var invocations = hooks.Select(hook => matcher.Match(hook, attributes)).OfType<WebhookInvocation>().ToList();
        if (invocations.Count == 0)
            return;
        var outcomes = await Task.WhenAll(invocations.Select(i => CallOne(i, attributes, cancellationToken))).ConfigureAwait(false);
        foreach (var (warnings, _) in outcomes)
            request.Options.Warnings.AddRange(warnings);
        if (outcomes.Select(o => o.Error).OfType<ApiException>().FirstOrDefault() is { } error)
            throw error;
    }

    private async Task<(IReadOnlyList<string> Warnings, ApiException? Error)> CallOne(WebhookInvocation invocation, WebhookAttributes attributes, CancellationToken cancellationToken)
    {
        var hook = invocation.Hook;
        try
        {
            var response = await caller.Call(invocation, attributes, mutating: false, cancellationToken).ConfigureAwait(false);
            return (response.Warnings, response.Allowed ? null : WebhookErrors.Denied(hook.Name, response.Status));
        }
        catch (WebhookCallException e)
        {
            return ([], hook.IgnoreFailures ? null : WebhookCaller.Failed(e));
        }
        catch (ApiException e)
        {
            return ([], e);
        }
    }
}
