using System.Net;
using Kruise.Actors.LocalCluster.Admission;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Http;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Security;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kruise.Actors.LocalCluster;

/// <summary>Where and how the embedded API server runs.</summary>
public sealed record LocalApiServerOptions
{
    /// <summary>Holds the state database, CA, token and kubeconfig; the same folder resumes the same cluster.</summary>
    public required string DataFolder { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The minor version /version reports; real kubectl here dispatches to the matching client.</summary>
    public string MinorVersion { get; init; } = "32";

    /// <summary>Keep state only in memory (tests and benchmarks).</summary>
    public bool InMemory { get; init; }

    public int WatchWindow { get; init; } = 100_000;

    /// <summary>Run the built-in controllers (garbage collector, namespace, serviceaccount, root CA); off leaves raw API semantics.</summary>
    public bool RunControllers { get; init; } = true;
}

/// <summary>
/// The embedded, kubectl-compatible API server: HTTPS on 127.0.0.1 with its own CA, a bearer
/// token, and a kubeconfig written into the data folder.
/// </summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookAdmission _webhooks;
    private readonly BuiltinControllers? _controllers;

    private LocalApiServer(WebApplication app, WebhookAdmission webhooks, BuiltinControllers? controllers, ObjectStore store, ResourceService service, string url, string kubeconfigPath, string token)
    {
        _app = app;
        _webhooks = webhooks;
        _controllers = controllers;
        Store = store;
        Service = service;
        Url = url;
        KubeconfigPath = kubeconfigPath;
        Token = token;
    }

    public ObjectStore Store { get; }
    public ResourceService Service { get; }
    public string Url { get; }
    public string KubeconfigPath { get; }
    public string Token { get; }

    /// <summary>
    /// Starts the server. <paramref name="admission"/> steps run before the admission webhooks
    /// (Mutating- and ValidatingWebhookConfigurations), which are always on.
    /// </summary>
    public static async Task<LocalApiServer> Start(LocalApiServerOptions options, IReadOnlyList<IAdmissionStep>? admission = null, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(folder);
        var pki = Path.Combine(folder, "pki");
        var ca = CertificateAuthority.LoadOrCreate(pki);
        var serving = ca.IssueServerCertificate(["localhost", "kubernetes", "kubernetes.default.svc"], [IPAddress.Loopback]);
        var token = Kubeconfig.LoadOrCreateToken(pki);
        var store = options.InMemory ? ObjectStore.InMemory(options.WatchWindow) : ObjectStore.Open(Path.Combine(folder, "cluster.db"), options.WatchWindow);
        var registry = new ResourceRegistry();
        var clock = TimeProvider.System;
        var webhooks = new WebhookAdmission(store, registry);
        var service = new ResourceService(store, registry, clock, [.. admission ?? [], webhooks.Mutating, webhooks.Validating]);
        await Bootstrap.Run(service, cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(serving);
            });
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        var tables = new TableOutput(clock);
        var endpoints = new ResourceEndpoints(service, new WatchEndpoint(store, tables, clock), tables);
        var openApi = new OpenApiEndpoint(registry);
        openApi.Warm();
        var handler = new ApiHandler(registry, endpoints, openApi, token, options.MinorVersion, app.Services.GetRequiredService<ILogger<ApiHandler>>());
        app.Run(handler.Handle);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Urls.First();
        var port = new Uri(address).Port;
        var url = $"https://127.0.0.1:{port}";
        var kubeconfigPath = Path.Combine(folder, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfigPath, Kubeconfig.Render(url, ca.CertificatePem, token), cancellationToken).ConfigureAwait(false);
        var controllers = options.RunControllers
            ? BuiltinControllers.Start(service, ca.CertificatePem, app.Services.GetRequiredService<ILogger<BuiltinControllers>>())
            : null;
        return new LocalApiServer(app, webhooks, controllers, store, service, url, kubeconfigPath, token);
    }

    public async ValueTask DisposeAsync()
    {
        // Controllers first: they write through the store, which closes last.
        if (_controllers is not null)
            await _controllers.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _webhooks.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
