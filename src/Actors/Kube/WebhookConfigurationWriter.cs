using System.Net;
using System.Text.Json.Nodes;

namespace Kruise.Actors.Kube;

/// <summary>
/// Creates or replaces a cluster-scoped admissionregistration.k8s.io/v1 webhook configuration, so
/// the registrar publishes the current URL and caBundle whatever an earlier run left; an
/// unchanged configuration is not rewritten. A write racing another retries on Conflict/AlreadyExists;
/// an overloaded or failing API server (429, 5xx, transport errors) is retried with backoff, so a
/// passing fault does not fail the controller's start.
/// </summary>
public static class WebhookConfigurationWriter
{
    private const int Attempts = 8;

    /// <summary>Writes <paramref name="configuration"/> to <paramref name="resource"/> (validatingwebhookconfigurations or mutatingwebhookconfigurations).</summary>
    public static async Task Apply(KubeApi api, string resource, JsonObject configuration, CancellationToken cancellationToken)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration["metadata"]?["name"]?.GetValue<string>() ?? throw new ArgumentException("the configuration has no metadata.name", nameof(configuration));
        var collection = $"apis/admissionregistration.k8s.io/v1/{resource}";
        var path = $"{collection}/{Uri.EscapeDataString(name)}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await Read(api, path, cancellationToken).ConfigureAwait(false);
                var body = (JsonObject)configuration.DeepClone();
                if (existing is null)
                {
                    using var _ = await api.SendAsync(HttpMethod.Post, collection, body.ToJsonString(), "application/json", cancellationToken).ConfigureAwait(false);
                }
                else if (!Same(existing, body))
                {
                    body["metadata"]!["resourceVersion"] = existing["metadata"]?["resourceVersion"]?.DeepClone();
                    using var _ = await api.SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json", cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            catch (KubeApiException e) when (e.Code == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Written by someone else between our read and write: read again.
            }
            catch (KubeApiException e) when (OutcomeMapping.IsTransient(e.Code) && attempt < Attempts)
            {
                var delay = backoff.Next();
                await Task.Delay(e.RetryAfter is { } after && after > delay ? after : delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && attempt < Attempts)
            {
                await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The first webhook's clientConfig of the named configuration, or null when there is none.</summary>
    public static async Task<JsonObject?> ClientConfig(KubeApi api, string resource, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var existing = await Read(api, $"apis/admissionregistration.k8s.io/v1/{resource}/{Uri.EscapeDataString(name)}", cancellationToken).ConfigureAwait(false);
        return existing?["webhooks"] is JsonArray { Count: > 0 } hooks ? hooks[0]?["clientConfig"] as JsonObject : null;
    }

    // The API server fills in defaults we do not send (namespaceSelector, objectSelector, ...):
    // compare only what we write.
    private static bool Same(JsonObject existing, JsonObject desired) =>
        JsonNode.DeepEquals(existing["metadata"]?["labels"], desired["metadata"]?["labels"])
        && existing["webhooks"] is JsonArray have && desired["webhooks"] is JsonArray want && have.Count == want.Count
        && Enumerable.Range(0, want.Count).All(i => have[i] is JsonObject h && want[i] is JsonObject w
            && w.All(field => JsonNode.DeepEquals(h[field.Key], field.Value)));

    private static async Task<JsonObject?> Read(KubeApi api, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.SendAsync(HttpMethod.Get, path, null, "application/json", cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
