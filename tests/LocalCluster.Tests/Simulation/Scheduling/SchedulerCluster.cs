using System.Text;
using Kruise.Actors.LocalCluster.Simulation.Scheduling;
using Kruise.Actors.LocalCluster.Tests.Controllers;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>
/// An in-memory embedded API server with the scheduler running, one per test (nodes are
/// cluster-wide, so tests sharing a cluster would schedule onto each other's nodes), and real kubectl.
/// </summary>
public sealed class SchedulerCluster : IAsyncLifetime
{
    public static readonly SchedulerOptions FastRetries = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(400) };

    private readonly SchedulerOptions _options;

    public SchedulerCluster(SchedulerOptions? options = null) => _options = options ?? FastRetries;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-actors-sched-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalApiServer Server { get; private set; } = null!;
    public DefaultScheduler? Scheduler { get; private set; }

    public async Task InitializeAsync() =>
        Server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = Folder, InMemory = true });

    /// <summary>Starts the scheduler (tests may create objects first, to see them taken in at start).</summary>
    public void StartScheduler()
    {
        Scheduler = new DefaultScheduler(Server.Service, _options, NullLogger.Instance, CancellationToken.None);
        Scheduler.Start();
    }

    public async Task DisposeAsync()
    {
        if (Scheduler is not null)
            await Scheduler.DisposeAsync();
        await Server.DisposeAsync();
        Clusters.DeleteFolder(Folder);
    }

    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => Integration.Kubectl.Run(Server.KubeconfigPath, arguments, stdin);

    /// <summary>A Ready node with the labels the simulation gives its nodes, applied as a kubelet registers it.</summary>
    public async Task AddNode(string name, string zone, string cpu = "4", string memory = "8Gi", string? taint = null)
    {
        var taints = taint is null ? "" : "\n  taints:\n  - " + taint;
        (await Kubectl("apply -f -", $$"""
            apiVersion: v1
            kind: Node
            metadata:
              name: {{name}}
              labels:
                kubernetes.io/hostname: {{name}}
                topology.kubernetes.io/zone: {{zone}}
            spec:
              podCIDR: 10.244.0.0/24{{taints}}
            status:
              allocatable: {cpu: "{{cpu}}", memory: {{memory}}, pods: "110"}
              capacity: {cpu: "{{cpu}}", memory: {{memory}}, pods: "110"}
              conditions:
              - type: Ready
                status: "True"
                reason: KubeletReady
                message: kubelet is posting ready status
            """)).Ok();
    }

    /// <summary>Manifests (YAML documents) applied with kubectl.</summary>
    public async Task Apply(params string[] documents) =>
        (await Kubectl("apply -f -", string.Join("\n---\n", documents))).Ok();

    /// <summary>
    /// A pod manifest; <paramref name="spec"/> adds lines under spec, <paramref name="ownerUid"/>
    /// makes it a replica of the ReplicaSet <paramref name="ownerName"/>.
    /// </summary>
    public static string Pod(string name, string labels = "app: web", string spec = "", string? ownerName = null, string? ownerUid = null)
    {
        var owner = ownerUid is null ? "" : $$"""

              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: {{ownerName}}, uid: {{ownerUid}}, controller: true, blockOwnerDeletion: true}
            """;
        return $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {{name}}
              namespace: default
              labels: {{{labels}}}{{owner}}
            spec:
              containers:
              - name: app
                image: nginx:1.25
            {{Indent(spec)}}
            """;
    }

    /// <summary>A ReplicaSet to own pods (nothing here runs its controller); returns its uid.</summary>
    public async Task<string> AddReplicaSet(string name, int replicas, string labels = "app: web")
    {
        await Apply($$"""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: {{name}}, namespace: default}
            spec:
              replicas: {{replicas}}
              selector:
                matchLabels: {{{labels}}}
              template:
                metadata:
                  labels: {{{labels}}}
                spec: {containers: [{name: app, image: "nginx:1.25"}]}
            """);
        return (await Kubectl($"get replicaset {name} -o jsonpath={{.metadata.uid}}")).Ok().Stdout.Trim();
    }

    /// <summary>Node of each pod, by `kubectl get pods` (empty for a pending pod).</summary>
    public async Task<Dictionary<string, string>> NodesOfPods()
    {
        var result = (await Kubectl("get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName --no-headers")).Ok();
        return result.Lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(p => p[0], p => p[1] == "<none>" ? "" : p[1]);
    }

    /// <summary>Waits until every named pod is on a node (or the check fails).</summary>
    public Task WaitUntilBound(params string[] pods) =>
        Clusters.Eventually(async () =>
        {
            var nodes = await NodesOfPods();
            return pods.All(p => nodes.GetValueOrDefault(p) is { Length: > 0 });
        }, $"pods {string.Join(", ", pods)} to be bound");

    /// <summary>The FailedScheduling messages recorded for a pod, as `kubectl get events` lists them.</summary>
    public async Task<string> FailedScheduling(string pod)
    {
        var result = (await Kubectl($"get events --field-selector involvedObject.name={pod},reason=FailedScheduling -o custom-columns=TYPE:.type,FROM:.source.component,MESSAGE:.message --no-headers")).Ok();
        return result.Stdout;
    }

    public Task WaitForFailedScheduling(string pod, string message) =>
        Clusters.Eventually(async () => (await FailedScheduling(pod)).Contains(message, StringComparison.Ordinal), $"FailedScheduling for {pod}: {message}");

    private static string Indent(string spec)
    {
        var text = new StringBuilder();
        foreach (var line in spec.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            text.Append("  ").Append(line).Append('\n');
        return text.ToString();
    }
}
