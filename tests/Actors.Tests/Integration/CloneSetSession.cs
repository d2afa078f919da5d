using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// One test's corner of the shared embedded API server: its own namespace, real kubectl in it, and
/// the production controller (the default catalog) on its own journal file.
/// </summary>
public sealed class CloneSetSession : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);
    private readonly ApiServerFixture _api;

    private CloneSetSession(ApiServerFixture api, string ns)
    {
        _api = api;
        Namespace = ns;
    }

    public string Namespace { get; }
    public JournalFolder Journal { get; } = new();
    public ControllerHost? Controller { get; private set; }
    public Kubernetes Client => _api.Client;

    public static async Task<CloneSetSession> Start(ApiServerFixture api, bool controller = true)
    {
        var session = new CloneSetSession(api, await api.Namespace());
        if (controller)
            await session.StartController();
        return session;
    }

    public RuntimeOptions RuntimeOptions => new() { Journal = Journal.Target, LogLevel = "WARNING" };

    public async Task StartController() =>
        Controller = await ControllerHost.Start(new ControllerOptions { Kubeconfig = _api.Server.KubeconfigPath, HttpPort = null, Runtime = RuntimeOptions });

    /// <summary>Stops the controller as Ctrl+C does (it leaves its cluster; writes in flight are cancelled).</summary>
    public async Task StopController()
    {
        if (Controller is { } running)
            await running.DisposeAsync();
        Controller = null;
    }

    /// <summary>kubectl in this test's namespace.</summary>
    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) =>
        LocalCluster.Tests.Integration.Kubectl.Run(_api.Server.KubeconfigPath, $"-n {Namespace} {arguments}", stdin);

    /// <summary>
    /// A CloneSet manifest as a user writes it: nginx in one container, <paramref name="extraSpec"/>
    /// appended to spec (e.g. an updateStrategy), <paramref name="containerExtra"/> to the container
    /// (e.g. env), and a namespace line only when <paramref name="ns"/> is given (else kubectl's -n).
    /// </summary>
    public static string Yaml(string name, int replicas, string templateApp = "", string extraSpec = "", string? ns = null, string image = "nginx:1.25",
        string containerExtra = "") => $"""
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata:
          name: {name}{(ns is null ? "" : $"\n  namespace: {ns}")}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {(templateApp.Length > 0 ? templateApp : name)}
            spec:
              containers:
              - name: nginx
                image: {image}
        {containerExtra}
        {extraSpec}
        """;

    public async Task<List<V1Pod>> Pods() =>
        [.. (await Client.CoreV1.ListNamespacedPodAsync(Namespace)).Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)];

    public async Task<CloneSet> CloneSet(string name) =>
        KubernetesJson.Deserialize<CloneSet>(KubernetesJson.Serialize(await Client.CustomObjects.GetNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", Namespace, "clonesets", name)));

    public EntityId Entity(string name) => new("CloneSet", Namespace, name);

    public Task<CloneSetState> State(string name) => Controller!.Runtime.Ask<CloneSetState>(Entity(name), GetEntityState.Instance, AskTimeout);

    /// <summary>
    /// Waits until the CloneSet is done with its spec: exactly <paramref name="replicas"/> pods, its
    /// status written for this generation, and no intent of the entity still pending (so nothing more
    /// will be created or deleted until something changes).
    /// </summary>
    public async Task Settled(string name, int replicas)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var pods = (await Pods()).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            var cloneSet = await CloneSet(name);
            var state = await State(name);
            if (pods.Count == replicas && cloneSet.Status?.Replicas == replicas && cloneSet.Status.ObservedGeneration == cloneSet.Metadata.Generation && state.Intents.IsEmpty)
                return;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{name} never settled at {replicas} replicas: {pods.Count} pods, status.replicas {cloneSet.Status?.Replicas}, "
                    + $"observedGeneration {cloneSet.Status?.ObservedGeneration} of {cloneSet.Metadata.Generation}, intents [{string.Join(", ", state.Intents.Keys)}]");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until every one of <paramref name="replicas"/> pods runs the update revision and is
    /// ready, the status says so for <paramref name="generation"/>, and no intent is pending.
    /// </summary>
    public Task RolledOut(string name, int replicas, long generation = 1) => Updated(name, replicas, replicas, generation);

    /// <summary>Waits until <paramref name="updated"/> of <paramref name="replicas"/> ready pods run the update revision (the rest held back, e.g. by a partition).</summary>
    public async Task Updated(string name, int updated, int replicas, long? generation = null, int timeoutSeconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var pods = (await Pods()).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            var cloneSet = await CloneSet(name);
            var status = cloneSet.Status;
            var state = await State(name);
            var ready = pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
            var revision = status?.UpdateRevision;
            var atRevision = pods.Count(p => revision is not null && p.Metadata.Labels is { } labels && labels.TryGetValue("controller-revision-hash", out var hash) && hash == revision);
            if (pods.Count == replicas && ready == replicas && atRevision == updated && status?.UpdatedReadyReplicas == updated
                && status.ObservedGeneration == cloneSet.Metadata.Generation && (generation is null || cloneSet.Metadata.Generation == generation) && state.Intents.IsEmpty)
                return;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{name} never reached {updated}/{replicas} updated and ready: {pods.Count} pods, {ready} ready, {atRevision} at {revision}, "
                    + $"status updatedReady {status?.UpdatedReadyReplicas}, observedGeneration {status?.ObservedGeneration} of {cloneSet.Metadata.Generation}, "
                    + $"intents [{string.Join(", ", state.Intents.Keys)}]");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The manifests of the CloneSet entity's persisted events, in order.</summary>
    public List<string> Journaled(string name) =>
        [.. Journal.Query($"SELECT manifest FROM journal WHERE persistence_id = '{Entity(name)}' ORDER BY sequence_number").Select(r => (string)r["manifest"]!)];

    public async ValueTask DisposeAsync()
    {
        await StopController();
        await Client.CoreV1.DeleteNamespaceAsync(Namespace);
        Journal.Dispose();
    }
}
