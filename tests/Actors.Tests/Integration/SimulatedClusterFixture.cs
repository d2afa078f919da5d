using k8s;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Tests.Integration;

/// <summary>The embedded API server with one simulated node (scheduler and instant kubelet), the CloneSet CRD installed.</summary>
public sealed class SimulatedClusterFixture : IAsyncLifetime
{
    private int _namespaces;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-actors-sim-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalApiServer Server { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LocalApiServer.Start(new LocalApiServerOptions
        {
            DataFolder = Folder,
            InMemory = true,
            Simulation = new SimulationOptions { NodeCount = 1, ZoneCount = 1, LeaseRenewInterval = TimeSpan.FromMilliseconds(200), NodeMonitorGracePeriod = TimeSpan.FromSeconds(5), NodeMonitorPeriod = TimeSpan.FromMilliseconds(200) },
        });
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!));
    }

    public async Task<string> Namespace()
    {
        var name = $"sim{Interlocked.Increment(ref _namespaces)}";
        await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = name } });
        return name;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatedClusterTests : ICollectionFixture<SimulatedClusterFixture>
{
    public const string Name = "simulated cluster";
}
