using System.Net;
using Kruise.Actors.Admission;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kruise.Actors.Hosting;

/// <summary>
/// A running controller replica: the <see cref="ControllerRuntime"/> against the API server of the
/// kubeconfig, plus its HTTP endpoint (/healthz, /readyz, Prometheus /metrics). `run` starts one;
/// `up` starts one beside the embedded cluster.
/// </summary>
public sealed class ControllerHost : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);
    private readonly WebApplication? _http;
    private readonly KubeApi _api;

    private ControllerHost(ControllerRuntime runtime, KubeApi api, WebApplication? http, Uri? httpUrl, AdmissionServer? webhooks)
    {
        Runtime = runtime;
        _api = api;
        _http = http;
        HttpUrl = httpUrl;
        Webhooks = webhooks;
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
        AdmissionServer? webhooks = null;
        WebApplication? http = null;
        try
        {
            if (options.Webhook is { } webhook)
                webhooks = await StartWebhooks(webhook, api, cancellationToken).ConfigureAwait(false);
            if (options.HttpPort is not { } port)
                return new ControllerHost(runtime, api, null, null, webhooks);
            (http, var url) = await StartHttp(runtime, options.HttpHost, port, cancellationToken).ConfigureAwait(false);
            return new ControllerHost(runtime, api, http, url, webhooks);
        }
        catch
        {
            if (webhooks is not null)
                await webhooks.DisposeAsync().ConfigureAwait(false);
            await runtime.DisposeAsync().ConfigureAwait(false);
            api.Dispose();
            throw;
        }
    }

    /// <summary>Serves the webhooks, then points the API server at them (URL or Service, with this start's caBundle).</summary>
    private static async Task<AdmissionServer> StartWebhooks(WebhookOptions options, KubeApi api, CancellationToken cancellationToken)
    {
        var server = await AdmissionServer.Start(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await server.Publish(api, options.TimeoutSeconds, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch (KubeApiException e)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"cannot register the admission webhooks: {e.Message}", e);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(WebApplication, Uri)> StartHttp(ControllerRuntime runtime, string host, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
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

    public async ValueTask DisposeAsync()
    {
        if (Webhooks is not null)
            await Webhooks.DisposeAsync().ConfigureAwait(false);
        if (_http is not null)
        {
            await _http.StopAsync().ConfigureAwait(false);
            await _http.DisposeAsync().ConfigureAwait(false);
        }
        await Runtime.DisposeAsync().ConfigureAwait(false);
        _api.Dispose();
    }
}
