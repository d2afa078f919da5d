using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;
using Akka.Event;
using Kruise.Actors.Admission;
using Kruise.Actors.Crds.Hosting;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kruise.Actors.Hosting;

/// <summary>
/// A running controller replica: the <see cref="ControllerRuntime"/> against the API server of the
/// kubeconfig, plus its HTTP endpoint (/healthz, /readyz, Prometheus /metrics). `run` starts one;
/// `up` starts one beside the embedded cluster.
/// </summary>
public sealed class ControllerHost : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RegistrationWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HandoverWait = TimeSpan.FromSeconds(15);
    private readonly WebApplication? _http;
    private readonly KubeApi _api;
    private readonly WebhookCertificateKeeper? _keeper;

    private ControllerHost(ControllerRuntime runtime, KubeApi api, WebApplication? http, Uri? httpUrl, (AdmissionServer Server, WebhookCertificateKeeper Keeper)? webhooks)
    {
        Runtime = runtime;
        _api = api;
        _http = http;
        HttpUrl = httpUrl;
        Webhooks = webhooks?.Server;
        _keeper = webhooks?.Keeper;
    }

    public ControllerRuntime Runtime { get; }

    /// <summary>Base URL of the HTTP endpoint (null when none is served).</summary>
    public Uri? HttpUrl { get; }

    /// <summary>The admission webhook server (null when <see cref="ControllerOptions.Webhook"/> is null).</summary>
    public AdmissionServer? Webhooks { get; }

    public static async Task<ControllerHost> Start(ControllerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = KubeApi.Create(KubeConfigs.Load(options.Kubeconfig));
        ControllerRuntime runtime;
        try
        {
            runtime = await ControllerRuntime.Start(options.Runtime, options.Catalog, api).ConfigureAwait(false);
        }
        catch
        {
            api.Dispose();
            throw;
        }
        (AdmissionServer Server, WebhookCertificateKeeper Keeper)? webhooks = null;
        WebApplication? http = null;
        try
        {
            if (options.Webhook is { } webhook)
                webhooks = await StartWebhooks(webhook, runtime, api, cancellationToken).ConfigureAwait(false);
            if (options.HttpPort is not { } port)
                return new ControllerHost(runtime, api, null, null, webhooks);
            (http, var url) = await StartHttp(runtime, options.HttpHost, port, cancellationToken).ConfigureAwait(false);
            return new ControllerHost(runtime, api, http, url, webhooks);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            if (webhooks is { } started)
            {
                await started.Keeper.DisposeAsync().ConfigureAwait(false);
                await started.Server.DisposeAsync().ConfigureAwait(false);
            }
            api.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Serves the webhooks with the certificates all replicas share (the Secret, created by the
    /// first replica), keeps them renewed, and joins the cluster singleton that registers them;
    /// returns once the configurations carry the shared caBundle (registered by whichever replica).
    /// </summary>
    private static async Task<(AdmissionServer, WebhookCertificateKeeper)> StartWebhooks(WebhookOptions options, ControllerRuntime runtime, KubeApi api, CancellationToken cancellationToken)
    {
        var log = Logging.GetLogger(runtime.System, "kruise-actors");
        WebhookCertificateMaterial material;
        try
        {
            material = await WebhookCertificateSecret.Ensure(api, options, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e)
        {
            throw new InvalidOperationException($"cannot read or create the webhook certificate Secret {options.Secret}: {e.Message}", e);
        }
        var server = await AdmissionServer.Start(options, material, cancellationToken: cancellationToken).ConfigureAwait(false);
        var keeper = WebhookCertificateKeeper.Start(api, options, server, new HealthLog($"webhook certificate Secret {options.Secret}", log), TimeProvider.System);
        var registrar = WebhookRegistrar.Props(token => server.Publish(api, options.TimeoutSeconds, token), options.CheckInterval, new HealthLog("webhook registration", log));
        runtime.System.ActorOf(ClusterSingletonManager.Props(registrar, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(runtime.System)), "webhook-registrar");
        if (!await Registered(api, server, cancellationToken).ConfigureAwait(false))
            log.Warning("the webhook configurations do not carry the shared caBundle yet; the registrar writes them once the cluster has formed");
        return (server, keeper);
    }

    private static async Task<bool> Registered(KubeApi api, AdmissionServer server, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RegistrationWait;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await WebhookCertificateKeeper.PublishedBundle(api, cancellationToken).ConfigureAwait(false) == server.CaBundlePem)
                    return true;
            }
            catch (KubeApiException)
            {
                // The registrar reports API trouble; here we only wait.
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>After this replica left, whether the configurations still send reviews to its URL.</summary>
    private async Task<bool> PointsHere()
    {
        if (Webhooks?.Endpoint.BaseUrl is not { } url)
            return false;
        try
        {
            var clientConfig = await WebhookConfigurationWriter.ClientConfig(_api, "validatingwebhookconfigurations", WebhookConfigurations.ValidatingName, CancellationToken.None).ConfigureAwait(false);
            return clientConfig?["url"]?.GetValue<string>() is { } current && current.StartsWith(url.ToString(), StringComparison.Ordinal);
        }
        catch (KubeApiException)
        {
            return false;
        }
    }

    private bool OtherReplicasUp()
    {
        var cluster = Cluster.Get(Runtime.System);
        return cluster.State.Members.Any(m => m.Status == MemberStatus.Up && m.Address != cluster.SelfAddress);
    }

    private static async Task<(WebApplication, Uri)> StartHttp(ControllerRuntime runtime, string host, int port, CancellationToken cancellationToken)
    {
        var builder = ServingBuilders.Create();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (IPAddress.TryParse(host, out var address))
                kestrel.Listen(address, port);
            else
                kestrel.ListenAnyIP(port);
        });
        var app = builder.Build();
        app.MapGet("/healthz", () => runtime.IsHealthy()
            ? Results.Text("ok\n")
            : Results.Text("not a cluster member\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/readyz", async () => await runtime.IsReady(AskTimeout).ConfigureAwait(false)
            ? Results.Text("ready\n")
            : Results.Text("not ready: joining the cluster or watchers still listing\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", async () =>
        {
            var entities = await runtime.LiveEntities(AskTimeout).ConfigureAwait(false);
            return Results.Text(runtime.Metrics.Render(entities), "text/plain; version=0.0.4; charset=utf-8");
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = new Uri(app.Urls.First());
        var url = new Uri($"http://{(bound.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : bound.Host)}:{bound.Port}/");
        return (app, url);
    }

    /// <summary>
    /// Leaves the cluster first, so the registrar singleton moves to another replica and re-points
    /// the configurations while this replica still answers reviews; then stops serving.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var handOver = Webhooks is not null && OtherReplicasUp();
        await Runtime.DisposeAsync().ConfigureAwait(false);
        var deadline = DateTime.UtcNow + HandoverWait;
        while (handOver && DateTime.UtcNow < deadline && await PointsHere().ConfigureAwait(false))
            await Task.Delay(100).ConfigureAwait(false);
        if (_keeper is not null)
            await _keeper.DisposeAsync().ConfigureAwait(false);
        if (Webhooks is not null)
            await Webhooks.DisposeAsync().ConfigureAwait(false);
        if (_http is not null)
        {
            await _http.StopAsync().ConfigureAwait(false);
            await _http.DisposeAsync().ConfigureAwait(false);
        }
        _api.Dispose();
    }
}
