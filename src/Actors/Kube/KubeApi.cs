using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;

namespace Kruise.Actors.Kube;

/// <summary>
/// Raw REST calls over KubernetesClient's connection (its base URI, TLS and credentials), so one
/// code path lists, watches and writes any resource, core or custom, and sees the API's Status on
/// every error (KubernetesClient's typed watch hides a 410 Expired ERROR event).
/// </summary>
public sealed class KubeApi(Kubernetes client, string? tlsServerName = null) : IDisposable
{
    public Kubernetes Client { get; } = client;

    public static KubeApi Create(KubernetesClientConfiguration config) => new(new Kubernetes(config), config.TlsServerName);

    public void Dispose() => Client.Dispose();

    /// <summary>Sends a request; a non-2xx answer becomes <see cref="KubeApiException"/> with the Status reason and message.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relativePath, string? body, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Client.BaseUri, relativePath.TrimStart('/')));
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(tlsServerName))
            request.Headers.Host = tlsServerName;
        if (Client.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await Client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw KubeApiException.FromStatus(response.StatusCode, text, response.Headers.RetryAfter?.Delta);
        }
    }

    public async Task<JsonDocument> GetJsonAsync(string relativePath, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, relativePath, null, "application/json", cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The REST path of one object (and optionally a subresource).</summary>
    public static string ObjectPath(ObjectRef target, string? subresource = null)
    {
        var path = CollectionPath(target) + "/" + Uri.EscapeDataString(target.Name);
        return subresource is null ? path : path + "/" + subresource;
    }

    public static string CollectionPath(ObjectRef target)
    {
        var root = target.Group.Length == 0 ? $"api/{target.Version}" : $"apis/{target.Group}/{target.Version}";
        return target.Namespace is null
            ? $"{root}/{target.Resource}"
            : $"{root}/namespaces/{Uri.EscapeDataString(target.Namespace)}/{target.Resource}";
    }
}

/// <summary>An API error: the HTTP code and the Status reason and message the server gave.</summary>
public sealed class KubeApiException(HttpStatusCode code, string reason, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public HttpStatusCode Code { get; } = code;
    public string Reason { get; } = reason;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static KubeApiException FromStatus(HttpStatusCode code, string body, TimeSpan? retryAfter = null)
    {
        var reason = "";
        var message = body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
                (reason, message) = ReasonAndMessage(doc.RootElement, body);
        }
        catch (JsonException)
        {
        }
        return new KubeApiException(code, reason, string.IsNullOrWhiteSpace(message) ? $"HTTP {(int)code}" : message.Trim(), retryAfter);
    }

    /// <summary>Reads a Status object (an error body, or a watch ERROR event's object).</summary>
    public static KubeApiException FromStatusObject(JsonElement status)
    {
        var code = status.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? (HttpStatusCode)n : HttpStatusCode.InternalServerError;
        var (reason, message) = ReasonAndMessage(status, "watch error");
        return new KubeApiException(code, reason, message);
    }

    private static (string Reason, string Message) ReasonAndMessage(JsonElement status, string fallback) =>
        (status.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "",
         status.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? fallback : fallback);
}
