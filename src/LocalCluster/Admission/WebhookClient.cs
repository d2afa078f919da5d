using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Admission;

/// <summary>
/// Posts AdmissionReviews over HTTPS. The server's certificate is always verified: against the
/// webhook's caBundle when it has one (system roots otherwise) and for the URL's host name, which
/// for a service is name.namespace.svc whatever address the connection goes to. Clients are pooled
/// per trust and connect address, as the apiserver caches one REST client per webhook.
/// </summary>
internal sealed class WebhookClient : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Sends the review and returns the answer; anything that goes wrong is a <see cref="WebhookCallException"/>.</summary>
    public async Task<JsonNode?> Post(WebhookSpec hook, WebhookTarget target, JsonObject review, CancellationToken cancellationToken)
    {
        var trust = WebhookTrust.From(hook);
        var client = _clients.GetOrAdd($"{trust.Key}|{target.ConnectTo}", _ => Create(trust, target.ConnectTo));
        // The apiserver tells the webhook its deadline, as ?timeout=Ns on the URL.
        var url = AppendTimeout(target.Url, hook.Timeout);
        var display = $"Post \"{url}\"";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(hook.Timeout);
        try
        {
            using var content = new StringContent(review.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw Failed(hook, $"{display}: the server responded with status code {(int)response.StatusCode}: {Truncate(body)}");
            try
            {
                return JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw Failed(hook, $"{display}: the webhook response could not be decoded: {e.Message}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(hook, $"{display}: context deadline exceeded");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            // Go's wording, which names the address actually dialled.
            var dialled = target.ConnectTo?.ToString() ?? $"{target.Url.Host}:{target.Url.Port}";
            throw Failed(hook, $"{display}: dial tcp {dialled}: connect: connection refused", e);
        }
        catch (HttpRequestException e)
        {
            throw Failed(hook, $"{display}: {Describe(e)}", e);
        }
    }

    private static HttpClient Create(WebhookTrust trust, IPEndPoint? connectTo)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            SslOptions = { RemoteCertificateValidationCallback = trust.Verify },
        };
        if (connectTo is not null)
        {
            // Keep the URL's host (for TLS and the Host header) but dial the resolved address.
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(connectTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(connectTo, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static Uri AppendTimeout(Uri url, TimeSpan timeout)
    {
        var builder = new UriBuilder(url);
        var parameter = string.Create(CultureInfo.InvariantCulture, $"timeout={(int)Math.Ceiling(timeout.TotalSeconds)}s");
        builder.Query = string.IsNullOrEmpty(builder.Query) ? parameter : builder.Query.TrimStart('?') + "&" + parameter;
        return builder.Uri;
    }

    private static WebhookCallException Failed(WebhookSpec hook, string reason, Exception? inner = null) =>
        new(hook.Name, $"failed to call webhook: {reason}", inner);

    // The innermost cause says what went wrong (refused, TLS verification); the outer ones only
    // that the request failed.
    private static string Describe(Exception e)
    {
        var causes = new List<string>();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationException or SocketException || current.InnerException is null)
                causes.Add(current.Message);
        }
        return string.Join(": ", causes.Distinct());
    }

    private static string Truncate(string body) => body.Length > 256 ? body[..256] + "..." : body;

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        _clients.Clear();
    }
}
