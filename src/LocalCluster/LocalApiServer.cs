using System.Net;
using Kruise.Actors.Crds.Hosting;
using Kruise.Actors.Crds.Security;
using Kruise.Actors.LocalCluster.Admission;
using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Faults;
using Kruise.Actors.LocalCluster.Http;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Security;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation;
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

    /// <summary>Simulated nodes (registration, leases, node lifecycle); null runs none, so pods stay where they are put.</summary>
    public SimulationOptions? Simulation { get; init; }

    /// <summary>
    /// Write the kubeconfig as soon as the server listens. `up` turns this off and calls
    /// <see cref="LocalApiServer.WriteKubeconfig"/> once the cluster is ready, so the file's
    /// presence means "ready to use".
    /// </summary>
    public bool WriteKubeconfigOnStart { get; init; } = true;

    /// <summary>Faults injected into API clients' requests (tests); <see cref="LocalApiServer.Faults"/> changes them while running.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;
}

/// <summary>
/// The embedded, kubectl-compatible API server: HTTPS on 127.0.0.1 with its own CA, a bearer
/// token, and a kubeconfig written into the data folder.
/// </summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookAdmission _webhooks;
    private readonly string _caPem;
    private BuiltinControllers? _controllers;

    private LocalApiServer(WebApplication app, WebhookAdmission webhooks, ObjectStore store, ResourceService service, FaultInjector faults, string url, string kubeconfigPath, string caPem, string token)
    {
        _app = app;
        Faults = faults;
        _webhooks = webhooks;
        Store = store;
        Service = service;
        Url = url;
        KubeconfigPath = kubeconfigPath;
        _caPem = caPem;
        Token = token;
    }

    public ObjectStore Store { get; }
    public ResourceService Service { get; }
    public string Url { get; }
    public string KubeconfigPath { get; }
    public string Token { get; }

    /// <summary>The fault injection on HTTP requests: its options can be changed, and <see cref="FaultInjector.Compact"/> compacts now.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The simulated nodes, when <see cref="LocalApiServerOptions.Simulation"/> asked for them.</summary>
    public ClusterSimulation? Simulation { get; private set; }

    /// <summary>
    /// Starts the server. <paramref name="admission"/> steps run after the built-in admission
    /// plugins and before the admission webhooks (Mutating- and ValidatingWebhookConfigurations),
    /// which are always on. A data folder that cannot be read fails with <see cref="InvalidDataException"/>,
    /// a port that cannot be bound with <see cref="IOException"/>; neither changes the folder's files.
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
        var tolerations = new DefaultTolerationSeconds(options.Simulation?.DefaultTolerationSeconds ?? new SimulationOptions().DefaultTolerationSeconds);
        var service = new ResourceService(store, registry, clock, [tolerations, .. admission ?? [], webhooks.Mutating, webhooks.Validating]);
        WebApplication? app = null;
        LocalApiServer? server = null;
        try
        {
            await Bootstrap.Run(service, cancellationToken).ConfigureAwait(false);

            var builder = ServingBuilders.Create();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(serving);
                });
                kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            });
            app = builder.Build();
            var tables = new TableOutput(clock);
            var faults = new FaultInjector(store, clock, options.Faults);
            var endpoints = new ResourceEndpoints(service, new WatchEndpoint(store, tables, clock), tables, faults);
            var openApi = new OpenApiEndpoint(registry);
            openApi.Warm();
            var handler = new ApiHandler(registry, endpoints, openApi, token, options.MinorVersion, app.Services.GetRequiredService<ILogger<ApiHandler>>());
            app.Run(handler.Handle);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var address = app.Urls.First();
            var port = new Uri(address).Port;
            var url = $"https://127.0.0.1:{port}";
            server = new LocalApiServer(app, webhooks, store, service, faults, url, Path.Combine(folder, "kubeconfig"), ca.CertificatePem, token);
            if (options.WriteKubeconfigOnStart)
                await server.WriteKubeconfig(cancellationToken).ConfigureAwait(false);
            if (options.RunControllers)
                server._controllers = BuiltinControllers.Start(service, ca.CertificatePem, app.Services.GetRequiredService<ILogger<BuiltinControllers>>());
            if (options.Simulation is { } simulation)
                server.Simulation = await ClusterSimulation.Start(service, simulation, options.MinorVersion, app.Services.GetRequiredService<ILogger<ClusterSimulation>>(), cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            if (server is not null)
                await server.DisposeAsync().ConfigureAwait(false);
            else
            {
                if (app is not null)
                    await app.DisposeAsync().ConfigureAwait(false);
                webhooks.Dispose();
                await store.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>
    /// Writes the kubeconfig (server address, CA, admin token; context kruise-local) into the data
    /// folder atomically: aside first, then renamed over the old one, so a reader never sees half a file.
    /// </summary>
    public async Task WriteKubeconfig(CancellationToken cancellationToken = default)
    {
        var aside = $"{KubeconfigPath}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(aside, Kubeconfig.Render(Url, _caPem, Token), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(aside, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(aside, KubeconfigPath, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        // The simulation and controllers first: they write through the store, which closes last.
        if (Simulation is not null)
            await Simulation.DisposeAsync().ConfigureAwait(false);
        if (_controllers is not null)
            await _controllers.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _webhooks.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
