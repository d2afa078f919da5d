using k8s;
using k8s.Models;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.Kube;
using Kruise.Actors.LocalCluster;

namespace Kruise.Actors.Tests.Integration;

/// <summary>The embedded API server (in memory, CloneSet CRD installed), shared by the integration tests of a collection.</summary>
public class ApiServerFixture : IAsyncLifetime
{
    private int _namespaces;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-actors-api-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalApiServer Server { get; private set; } = null!;
    public KubernetesClientConfiguration Config { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;

    /// <summary>Simulated nodes (scheduler, kubelet, pod network) to run; none by default, so pods stay Pending.</summary>
    protected virtual Kruise.Actors.LocalCluster.Simulation.SimulationOptions? Simulation => null;

    public async Task InitializeAsync()
    {
        Server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = Folder, InMemory = true, Simulation = Simulation });
        if (Server.Simulation is { } simulation)
        {
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await simulation.WaitForNodesReady(ready.Token);
        }
        Config = KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath);
        Client = new Kubernetes(Config);
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!));
    }

    /// <summary>A new KubeApi on the server, optionally with handlers in front (fault injection).</summary>
    public KubeApi Api(params DelegatingHandler[] handlers) => new(new Kubernetes(Config, handlers));

    /// <summary>A fresh namespace per test, so tests sharing the server never see each other's objects.</summary>
    public async Task<string> Namespace()
    {
        var name = $"t{Interlocked.Increment(ref _namespaces)}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public static CloneSet CloneSet(string ns, string name, int replicas = 1) => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "CloneSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new CloneSetSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.25" }] },
            },
        },
    };

    public async Task<CloneSet> CreateCloneSet(string ns, string name, int replicas = 1)
    {
        var created = await Client.CustomObjects.CreateNamespacedCustomObjectAsync(CloneSet(ns, name, replicas), "apps.kruise.io", "v1alpha1", ns, "clonesets");
        return KubernetesJson.Deserialize<CloneSet>(KubernetesJson.Serialize(created));
    }

    public static V1Pod Pod(string ns, string name, CloneSet? owner = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            OwnerReferences = owner is null ? null :
            [
                new V1OwnerReference { ApiVersion = "apps.kruise.io/v1alpha1", Kind = "CloneSet", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
            ],
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "nginx:1.25" }] },
    };

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
public sealed class ApiServerTests : ICollectionFixture<ApiServerFixture>
{
    public const string Name = "api server";
}
