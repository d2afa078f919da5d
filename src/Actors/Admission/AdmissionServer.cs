using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kruise.Actors.Crds.Security;
using Kruise.Actors.Kube;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kruise.Actors.Admission;

/// <summary>
/// The controller's HTTPS admission endpoint (Kestrel). It makes its own CA and a serving
/// certificate for the name the API server calls it by, and answers AdmissionReviews on one path
/// per webhook. A review it cannot read gets HTTP 400 with the reason; it never takes the
/// process down.
/// </summary>
public sealed class AdmissionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateAuthority _ca;
    private readonly X509Certificate2 _certificate;

    private AdmissionServer(WebApplication app, CertificateAuthority ca, X509Certificate2 certificate, int port, WebhookConfigurations.Endpoint endpoint)
    {
        _app = app;
        _ca = ca;
        _certificate = certificate;
        Port = port;
        Endpoint = endpoint;
    }

    /// <summary>The port actually bound.</summary>
    public int Port { get; }

    /// <summary>How the API server reaches this server (what the configurations' clientConfig says).</summary>
    public WebhookConfigurations.Endpoint Endpoint { get; }

    /// <summary>The CA's PEM: the configurations' caBundle.</summary>
    public string CaBundlePem => _ca.CertificatePem;

    /// <summary>Writes the Validating- and MutatingWebhookConfiguration that send CloneSet reviews here.</summary>
    public async Task Publish(KubeApi api, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await WebhookConfigurationWriter.Apply(api, "mutatingwebhookconfigurations", WebhookConfigurations.Mutating(Endpoint, CaBundlePem, timeoutSeconds), cancellationToken).ConfigureAwait(false);
        await WebhookConfigurationWriter.Apply(api, "validatingwebhookconfigurations", WebhookConfigurations.Validating(Endpoint, CaBundlePem, timeoutSeconds), cancellationToken).ConfigureAwait(false);
    }

    public static async Task<AdmissionServer> Start(WebhookOptions options, ILogger? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ca = CertificateAuthority.Create("kruise-actors-webhook-ca");
        X509Certificate2? certificate = null;
        try
        {
            var (dnsNames, addresses) = CertificateNames(options);
            certificate = ca.IssueServerCertificate(dnsNames, addresses);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                // A URL names one address, so listen there; behind a Service the pod IP is not known.
                if (options.Service is null && IPAddress.TryParse(options.Host, out var address))
                    kestrel.Listen(address, options.Port, listen => listen.UseHttps(certificate));
                else
                    kestrel.ListenAnyIP(options.Port, listen => listen.UseHttps(certificate));
            });
            var app = builder.Build();
            app.MapPost(WebhookConfigurations.ValidateCloneSetPath, context => Answer(context, CloneSetAdmission.Validate, log));
            app.MapPost(WebhookConfigurations.MutateCloneSetPath, context => Answer(context, CloneSetAdmission.Default, log));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var port = new Uri(app.Urls.First()).Port;
            var endpoint = options.Service is { } service
                ? new WebhookConfigurations.Endpoint(null, service)
                : new WebhookConfigurations.Endpoint(new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{UrlHost(options.Host)}:{port}/")), null);
            return new AdmissionServer(app, ca, certificate, port, endpoint);
        }
        catch
        {
            certificate?.Dispose();
            ca.Dispose();
            throw;
        }
    }

    private static (IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses) CertificateNames(WebhookOptions options)
    {
        if (options.Service is { } service)
            return (service.DnsNames, []);
        return IPAddress.TryParse(options.Host, out var address)
            ? (["localhost"], [address])
            : ([options.Host], []);
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
        _ca.Dispose();
    }
}
