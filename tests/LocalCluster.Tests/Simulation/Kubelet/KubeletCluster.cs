using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>
/// The embedded API server with three simulated Nodes (sim-0..2, podCIDR 10.244.i.0/24,
/// InternalIP 172.18.0.(i+2)) and the simulated kubelets running them, with no latencies;
/// real kubectl and KubernetesClient against it.
/// </summary>
public sealed class KubeletCluster : IAsyncLifetime, IAsyncDisposable
{
    private readonly ClusterFixture _cluster = new();
    private SimulatedKubelets? _kubelets;

    public LocalApiServer Server => _cluster.Server;

    public Kubernetes Client => _cluster.Client;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        for (var i = 0; i < 3; i++)
            await CreateNode($"sim-{i}", i);
        StartKubelets();
    }

    public void StartKubelets()
    {
        _kubelets = new SimulatedKubelets(Server.Service, KubeletOptions.Instant, NullLogger.Instance);
        _kubelets.Start();
    }

    public async Task StopKubelets()
    {
        if (_kubelets is not null)
            await _kubelets.DisposeAsync();
        _kubelets = null;
    }

    public async Task DisposeAsync()
    {
        await StopKubelets();
        await _cluster.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>A Node as the simulation registers one: the simulated label, a pod block and an InternalIP.</summary>
    public Task<V1Node> CreateNode(string name, int index, bool stopped = false) =>
        Client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { [SimulationConventions.SimulatedNodeLabel] = "true", [SimulationConventions.HostnameLabel] = name },
                Annotations = stopped ? new Dictionary<string, string> { [SimulationConventions.NodeStoppedAnnotation] = "true" } : null,
            },
            Spec = new V1NodeSpec { PodCIDR = $"10.244.{index}.0/24", PodCIDRs = [$"10.244.{index}.0/24"] },
            Status = new V1NodeStatus { Addresses = [new V1NodeAddress { Type = "InternalIP", Address = $"172.18.0.{index + 2}" }] },
        });

    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => _cluster.Kubectl(arguments, stdin);

    public async Task<string> NewNamespace(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>kubectl apply of a pod bound to <paramref name="node"/> (as the scheduler would have bound it).</summary>
    public async Task ApplyPod(string ns, string name, string node, string image = "nginx:1.25", string extraSpec = "", string annotations = "")
    {
        var yaml = $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
              namespace: {ns}
              annotations:
                test: kubelet
            {Indent(annotations, 4)}
            spec:
              nodeName: {node}
            {Indent(extraSpec, 2)}
              containers:
              - name: nginx
                image: {image}
            """;
        (await Kubectl("apply -f -", yaml)).Ok();
    }

    public Task<V1Pod> ReadPod(string ns, string name) => Client.CoreV1.ReadNamespacedPodAsync(name, ns);

    /// <summary>Polls the pod until <paramref name="condition"/> holds; the kubelet acts asynchronously.</summary>
    public async Task<V1Pod> WaitForPod(string ns, string name, Func<V1Pod, bool> condition, string what)
    {
        V1Pod? pod = null;
        await Controllers.Clusters.Eventually(async () => condition(pod = await ReadPod(ns, name)), $"pod {ns}/{name} {what}", seconds: 30);
        return pod!;
    }

    /// <summary>The Events part of `kubectl describe pod`, once it shows <paramref name="awaited"/> (events are written in the background).</summary>
    public async Task<string> DescribeEvents(string ns, string pod, string awaited)
    {
        var events = "";
        await Controllers.Clusters.Eventually(async () =>
        {
            var described = (await Kubectl($"describe pod {pod} -n {ns}")).Ok().Stdout;
            events = described[described.IndexOf("\nEvents:", StringComparison.Ordinal)..];
            return events.Contains(awaited, StringComparison.Ordinal);
        }, $"kubectl describe pod {pod} to show \"{awaited}\"", seconds: 30);
        return events;
    }

    public static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static string? Condition(V1Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type)?.Status;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new string(' ', spaces) + line));
}
