using System.Net;
using System.Text.Json.Nodes;

namespace Kruise.Actors.Kube;

/// <summary>
/// Creates or replaces a cluster-scoped admissionregistration.k8s.io/v1 webhook configuration, so
/// every start publishes the current URL and caBundle whatever an earlier run left. Replicas racing
/// on the same name retry on Conflict/AlreadyExists; an overloaded or failing API server (429, 5xx,
/// transport errors) is retried with backoff, so a passing fault does not fail the controller's start.
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
                var existing = await ResourceVersion(api, path, cancellationToken).ConfigureAwait(false);
                var body = (JsonObject)configuration.DeepClone();
                if (existing is null)
                {
                    using var _ = await api.SendAsync(HttpMethod.Post, collection, body.ToJsonString(), "application/json", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    body["metadata"]!["resourceVersion"] = existing;
                    using var _ = await api.SendAsync(HttpMethod.Put, path, body.ToJsonString(), "application/json", cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            catch (KubeApiException e) when (e.Code == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Another replica wrote it between our read and write: read again.
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

    private static async Task<string?> ResourceVersion(KubeApi api, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var current = await api.GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
            return current.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        }
        catch (KubeApiException e) when (e.Code == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
