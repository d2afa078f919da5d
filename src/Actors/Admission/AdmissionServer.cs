using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kruise.Actors.Crds.Hosting;
using Kruise.Actors.Kube;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kruise.Actors.Admission;

/// <summary>
/// The controller's HTTPS admission endpoint (Kestrel). It serves with the certificate every
/// replica shares (from the webhook Secret; see <see cref="WebhookCertificateSecret"/>), switching
/// to a renewed one without a restart, and answers AdmissionReviews on one path per webhook. A
/// review it cannot read gets HTTP 400 with the reason; it never takes the process down.
/// </summary>
public sealed class AdmissionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<X509Certificate2> _retired = [];
    private X509Certificate2 _certificate;
    private WebhookCertificateMaterial _serving;
    private WebhookCertificateMaterial _newest;

    private AdmissionServer(WebApplication app, CertificateHolder holder, WebhookCertificateMaterial material, int port, WebhookConfigurations.Endpoint endpoint)
    {
        _app = app;
        _certificate = holder.Certificate;
        holder.Server = this;
        _serving = material;
        _newest = material;
        Port = port;
        Endpoint = endpoint;
    }

    /// <summary>The port actually bound.</summary>
    public int Port { get; }

    /// <summary>How the API server reaches this server (what the configurations' clientConfig says).</summary>
    public WebhookConfigurations.Endpoint Endpoint { get; }

    /// <summary>The caBundle to publish: the newest the Secret holds.</summary>
    public string CaBundlePem
    {
        get
        {
            lock (_gate)
                return _newest.CaBundlePem;
        }
    }

    /// <summary>The CA certificate of the certificate this server presents now.</summary>
    public string ServingCaPem
    {
        get
        {
            lock (_gate)
                return _serving.CaCertificatePem;
        }
    }

    /// <summary>
    /// Takes the Secret's newest material: it is published from now on, and served at once unless
    /// its CA is one the published caBundle does not trust yet (then the next check switches).
    /// </summary>
    public void Adopt(WebhookCertificateMaterial newest, string? publishedBundlePem)
    {
        ArgumentNullException.ThrowIfNull(newest);
        lock (_gate)
        {
            _newest = newest;
            if (newest.ServingCertificatePem != _serving.ServingCertificatePem
                && WebhookCertificatePlanner.ShouldServe(newest.CaCertificatePem, publishedBundlePem, servingAlready: true))
            {
                // Handshakes under way may still hold the old one: it is disposed with the server.
                _retired.Add(_certificate);
                _certificate = newest.LoadServingCertificate();
                _serving = newest;
            }
        }
    }

    private X509Certificate2 Current()
    {
        lock (_gate)
            return _certificate;
    }

    /// <summary>Writes the Validating- and MutatingWebhookConfiguration that send CloneSet reviews here.</summary>
    public async Task Publish(KubeApi api, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var bundle = CaBundlePem;
        await WebhookConfigurationWriter.Apply(api, "mutatingwebhookconfigurations", WebhookConfigurations.Mutating(Endpoint, bundle, timeoutSeconds), cancellationToken).ConfigureAwait(false);
        await WebhookConfigurationWriter.Apply(api, "validatingwebhookconfigurations", WebhookConfigurations.Validating(Endpoint, bundle, timeoutSeconds), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serves the webhooks with <paramref name="material"/>'s serving certificate.</summary>
    public static async Task<AdmissionServer> Start(WebhookOptions options, WebhookCertificateMaterial material, ILogger? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(material);
        var holder = new CertificateHolder(material.LoadServingCertificate());
        try
        {
            var builder = ServingBuilders.Create();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                void Https(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen) =>
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => holder.Current());
                // A URL names one address, so listen there; behind a Service the pod IP is not known.
                if (options.Service is null && IPAddress.TryParse(options.Host, out var address))
                    kestrel.Listen(address, options.Port, Https);
                else
                    kestrel.ListenAnyIP(options.Port, Https);
            });
            var app = builder.Build();
            app.MapPost(WebhookConfigurations.ValidateCloneSetPath, context => Answer(context, CloneSetAdmission.Validate, log));
            app.MapPost(WebhookConfigurations.MutateCloneSetPath, context => Answer(context, CloneSetAdmission.Default, log));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var port = new Uri(app.Urls.First()).Port;
            var endpoint = options.Service is { } service
                ? new WebhookConfigurations.Endpoint(null, service)
                : new WebhookConfigurations.Endpoint(new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{UrlHost(options.Host)}:{port}/")), null);
            return new AdmissionServer(app, holder, material, port, endpoint);
        }
        catch
        {
            holder.Certificate.Dispose();
            throw;
        }
    }

    // Kestrel's selector is wired before the server object exists; it reads through this.
    private sealed class CertificateHolder(X509Certificate2 certificate)
    {
        public X509Certificate2 Certificate { get; } = certificate;

        public AdmissionServer? Server { get; set; }

        public X509Certificate2 Current() => Server?.Current() ?? Certificate;
    }

    private static string UrlHost(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : host;

    private static async Task Answer(HttpContext context, Func<AdmissionRequest, AdmissionResponse> decide, ILogger? log)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body))
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var (status, answer) = Handle(body, decide);
        if (status != StatusCodes.Status200OK)
            log?.LogWarning("admission review on {Path} answered {Status}: {Message}", context.Request.Path, status, answer);
        context.Response.StatusCode = status;
        context.Response.ContentType = status == StatusCodes.Status200OK ? "application/json" : "text/plain; charset=utf-8";
        await context.Response.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>One review, body to (HTTP status, body): 200 with the AdmissionReview, 400 for a review that cannot be read, 500 if a decision throws.</summary>
    public static (int Status, string Body) Handle(string body, Func<AdmissionRequest, AdmissionResponse> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        AdmissionRequest request;
        try
        {
            request = AdmissionReviews.Parse(body);
        }
        catch (MalformedAdmissionReviewException e)
        {
            return (StatusCodes.Status400BadRequest, $"malformed AdmissionReview: {e.Message}\n");
        }
#pragma warning disable CA1031 // A decision that throws fails this one review (the API server applies failurePolicy), not the controller.
        try
        {
            return (StatusCodes.Status200OK, AdmissionReviews.Render(request.Uid, decide(request)).ToJsonString());
        }
        catch (Exception e)
        {
            return (StatusCodes.Status500InternalServerError, $"the webhook failed on review {request.Uid}: {e.Message}\n");
        }
#pragma warning restore CA1031
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
        foreach (var retired in _retired)
            retired.Dispose();
    }
}
