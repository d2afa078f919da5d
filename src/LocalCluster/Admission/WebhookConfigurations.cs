using System.Text.Json;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// The webhooks of every Mutating- or ValidatingWebhookConfiguration, kept from the store's watch
/// feed. The store publishes a change before the write that made it returns, so draining the feed
/// at the start of each admission makes a configuration apply to the very next request (the
/// apiserver's informer-based cache only gets there eventually).
/// </summary>
internal sealed class WebhookConfigurations : IDisposable
{
    public const string Group = "admissionregistration.k8s.io";

    private readonly Lock _gate = new();
    private readonly bool _mutating;
    private readonly WatchHub.Subscription _subscription;
    private readonly SortedDictionary<string, IReadOnlyList<WebhookSpec>> _byConfiguration = new(StringComparer.Ordinal);
    private IReadOnlyList<WebhookSpec> _webhooks = [];

    public WebhookConfigurations(ObjectStore store, bool mutating)
    {
        _mutating = mutating;
        var key = new StorageKey(Group, mutating ? "mutatingwebhookconfigurations" : "validatingwebhookconfigurations");
        var (initial, subscription) = store.Watch(key, null, null);
        _subscription = subscription;
        foreach (var stored in initial)
            _byConfiguration[stored.Name] = Parse(stored);
        _webhooks = Flatten();
    }

    /// <summary>Every webhook, configurations in name order and webhooks in their listed order (the apiserver's order).</summary>
    public IReadOnlyList<WebhookSpec> Current()
    {
        lock (_gate)
        {
            var changed = false;
            while (_subscription.Events.TryRead(out var change))
            {
                if (change.Type == WatchEventType.Deleted)
                    _byConfiguration.Remove(change.Object.Name);
                else
                    _byConfiguration[change.Object.Name] = Parse(change.Object);
                changed = true;
            }
            if (changed)
                _webhooks = Flatten();
            return _webhooks;
        }
    }

    private List<WebhookSpec> Flatten() => _byConfiguration.Values.SelectMany(w => w).ToList();

    private List<WebhookSpec> Parse(StoredObject stored)
    {
        try
        {
            return _mutating
                ? WebhookSpec.From(k8s.KubernetesJson.Deserialize<V1MutatingWebhookConfiguration>(stored.Object.ToJsonString())).ToList()
                : WebhookSpec.From(k8s.KubernetesJson.Deserialize<V1ValidatingWebhookConfiguration>(stored.Object.ToJsonString())).ToList();
        }
        catch (JsonException)
        {
            // A configuration the typed model cannot read would have been refused by the apiserver's
            // validation; here it simply contributes no webhooks.
            return [];
        }
    }

    public void Dispose() => _subscription.Dispose();
}
