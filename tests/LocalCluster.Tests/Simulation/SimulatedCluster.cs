using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Tests.Integration;

namespace Kruise.Actors.LocalCluster.Tests.Simulation;

/// <summary>
/// An embedded cluster with simulated nodes whose lifecycle runs fast: leases renewed every
/// 100 ms, a node silent for 2 s is NotReady. There is no scheduler or kubelet in it: tests bind
/// pods with spec.nodeName and set pod status themselves.
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    public static readonly SimulationOptions FastOptions = new()
    {
        LeaseRenewInterval = TimeSpan.FromMilliseconds(100),
        NodeMonitorGracePeriod = TimeSpan.FromSeconds(2),
        NodeMonitorPeriod = TimeSpan.FromMilliseconds(100),
    };

    private readonly bool _ownsFolder;

    private SimulatedCluster(string folder, bool ownsFolder, LocalApiServer server)
    {
        Folder = folder;
        _ownsFolder = ownsFolder;
        Server = server;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
    }

    public string Folder { get; }
    public LocalApiServer Server { get; }
    public Kubernetes Client { get; }

    /// <summary>Starts a cluster; in a folder of its own (deleted when disposed) unless given one.</summary>
    public static async Task<SimulatedCluster> Start(SimulationOptions? options = null, string? folder = null, bool inMemory = true)
    {
        var server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = folder ?? NewFolder(), InMemory = inMemory, Simulation = options ?? FastOptions });
        return new SimulatedCluster(Path.GetDirectoryName(server.KubeconfigPath)!, folder is null, server);
    }

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "kruise-actors-sim-" + Guid.NewGuid().ToString("N")[..8]);

    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => Integration.Kubectl.Run(Server.KubeconfigPath, arguments, stdin);

    /// <summary>Sets or removes the stop annotation, as `kruise-actors local node stop|start` does.</summary>
    public Task SetStopped(string node, bool stopped)
    {
        var annotations = new Dictionary<string, string?> { [SimulationConventions.NodeStoppedAnnotation] = stopped ? "true" : null };
        var patch = JsonSerializer.Serialize(new { metadata = new { annotations } });
        return Client.CoreV1.PatchNodeAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), node);
    }

    /// <summary>A pod bound to <paramref name="node"/> directly (no scheduler here).</summary>
    public Task<V1Pod> CreatePod(string name, string node, IList<V1Toleration>? tolerations = null, long? gracePeriod = null) =>
        Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                NodeName = node,
                Tolerations = tolerations,
                TerminationGracePeriodSeconds = gracePeriod,
                Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }],
            },
        }, "default");

    /// <summary>Reports the pod Running and Ready, as its kubelet would.</summary>
    public async Task ReportReady(string name)
    {
        var pod = await Client.CoreV1.ReadNamespacedPodAsync(name, "default");
        var now = DateTime.UtcNow;
        pod.Status.Phase = "Running";
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = now }];
        await Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, "default");
    }

    public async Task<V1Pod?> FindPod(string name)
    {
        try
        {
            return await Client.CoreV1.ReadNamespacedPodAsync(name, "default");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Evicted: deleted, or being deleted (nothing finishes a graceful deletion on a node whose kubelet does not answer until its grace period ends).</summary>
    public async Task<bool> Evicted(string name) => await FindPod(name) is not { } pod || pod.Metadata.DeletionTimestamp is not null;

    public async Task<V1Node> Node(string name) => await Client.CoreV1.ReadNodeAsync(name);

    public static string? ReadyStatus(V1Node node) => node.Status.Conditions?.LastOrDefault(c => c.Type == "Ready")?.Status;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (_ownsFolder)
            Controllers.Clusters.DeleteFolder(Folder);
    }
}
