using System.Net;
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

    private ControllerHost(ControllerRuntime runtime, KubeApi api, WebApplication? http, Uri? httpUrl)
    {
        Runtime = runtime;
        _api = api;
        _http = http;
        HttpUrl = httpUrl;
    }

    public ControllerRuntime Runtime { get; }

    /// <summary>Base URL of the HTTP endpoint (null when none is served).</summary>
    public Uri? HttpUrl { get; }

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
        if (options.HttpPort is not { } port)
            return new ControllerHost(runtime, api, null, null);
        try
        {
            var (http, url) = await StartHttp(runtime, options.HttpHost, port, cancellationToken).ConfigureAwait(false);
            return new ControllerHost(runtime, api, http, url);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            api.Dispose();
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
        if (_http is not null)
        {
            await _http.StopAsync().ConfigureAwait(false);
            await _http.DisposeAsync().ConfigureAwait(false);
        }
        await Runtime.DisposeAsync().ConfigureAwait(false);
        _api.Dispose();
    }
}
