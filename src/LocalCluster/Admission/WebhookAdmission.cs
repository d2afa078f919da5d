using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// Dynamic admission for one store: the mutating and validating webhook steps, the configuration
/// caches they read and the HTTPS clients they call through. Dispose with the server.
/// </summary>
public sealed class WebhookAdmission : IDisposable
{
    private readonly WebhookConfigurations _mutating;
    private readonly WebhookConfigurations _validating;
    private readonly WebhookClient _client = new();

    public WebhookAdmission(ObjectStore store, ResourceRegistry registry)
    {
        _mutating = new WebhookConfigurations(store, mutating: true);
        _validating = new WebhookConfigurations(store, mutating: false);
        var matcher = new WebhookMatcher(store, registry);
        var caller = new WebhookCaller(_client, new WebhookTargets(store));
        Mutating = new MutatingWebhookAdmission(_mutating, matcher, caller);
        Validating = new ValidatingWebhookAdmission(_validating, matcher, caller);
    }

    /// <summary>Runs after the other mutating steps, as MutatingAdmissionWebhook comes last among the apiserver's mutating plugins.</summary>
    public IAdmissionStep Mutating { get; }

    public IAdmissionStep Validating { get; }

    public void Dispose()
    {
        _mutating.Dispose();
        _validating.Dispose();
        _client.Dispose();
    }
}
