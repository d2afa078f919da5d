using k8s;
using Kruise.Actors.Admission;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// An embedded API server of its own (webhook configurations are cluster-wide, so they must not
/// reach the shared server) with the production controller serving its admission webhooks.
/// </summary>
public sealed class WebhookCluster : IAsyncLifetime
{
    private int _namespaces;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-actors-webhook-" + Guid.NewGuid().ToString("N")[..8]);
    public JournalFolder Journal { get; } = new();
    public LocalApiServer Server { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;
    public ControllerHost? Controller { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = Folder, InMemory = true });
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!));
        Controller = await ControllerHost.Start(new ControllerOptions
        {
            Kubeconfig = Server.KubeconfigPath,
            HttpPort = null,
            Webhook = new WebhookOptions { Port = 0 },
            Runtime = new RuntimeOptions { Journal = Journal.Target, LogLevel = "WARNING" },
        });
    }

    /// <summary>Stops the controller, and with it the webhook server; the configurations stay, as after a crash.</summary>
    public async Task StopController()
    {
        if (Controller is { } running)
            await running.DisposeAsync();
        Controller = null;
    }

    public async Task<string> Namespace()
    {
        var name = $"w{Interlocked.Increment(ref _namespaces)}";
        (await Kubectl($"create namespace {name}")).Ok();
        return name;
    }

    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) =>
        LocalCluster.Tests.Integration.Kubectl.Run(Server.KubeconfigPath, arguments, stdin);

    public async Task DisposeAsync()
    {
        await StopController();
        Client.Dispose();
        await Server.DisposeAsync();
        Journal.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
