using System.Diagnostics;
using k8s;
using k8s.Models;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>
/// One measured setup: the embedded API server (and its simulated nodes) in this process, a fresh
/// journal database, and N `kruise-actors run` replicas joined into one Akka cluster on loopback.
/// Pods of the benchmark namespace are followed through the store's watch from the start.
/// </summary>
public sealed class ReplicaCluster : IAsyncDisposable
{
    public const string Namespace = "bench-replicas";
    public const string WarmUpNamespace = "bench-warmup";
    public const string OldImage = "nginx:1.25";
    public const string NewImage = "nginx:1.27";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folder;
    private readonly CancellationTokenSource _stopFollowing = new();
    private readonly WatchHub.Subscription _subscription;
    private readonly Task _following;

    private ReplicaCluster(string folder, LocalApiServer server, Kubernetes client, string journal, WatchHub.Subscription subscription)
    {
        _folder = folder;
        Server = server;
        Client = client;
        Journal = journal;
        _subscription = subscription;
        _following = Progress.Follow(subscription, _stopFollowing.Token);
    }

    public LocalApiServer Server { get; }
    public Kubernetes Client { get; }
    /// <summary>The replicas' `--journal`: `postgres:CONNSTRING` or `sqlite:PATH`.</summary>
    public string Journal { get; }
    public PodProgress Progress { get; } = new();
    public List<ReplicaProcess> Replicas { get; } = [];

    /// <summary>A fresh database on <paramref name="postgres"/> for the journal, as several replicas share it.</summary>
    public static Task<ReplicaCluster> Start(PostgresServer postgres, int nodes, SimulationOptions simulation, TimeSpan timeout) =>
        Start(async _ => "postgres:" + await postgres.CreateDatabase().ConfigureAwait(false), nodes, simulation, timeout);

    /// <summary>A SQLite journal in the cluster's folder: `run`'s default, for one replica.</summary>
    public static Task<ReplicaCluster> StartOnSqlite(int nodes, SimulationOptions simulation, TimeSpan timeout) =>
        Start(folder => Task.FromResult("sqlite:" + Path.Combine(folder, "journal.db")), nodes, simulation, timeout);

    private static async Task<ReplicaCluster> Start(Func<string, Task<string>> journalIn, int nodes, SimulationOptions simulation, TimeSpan timeout)
    {
        var folder = TempFolder.New("kruise-actors-replicas-");
        var server = await LocalApiServer.Start(new LocalApiServerOptions
        {
            DataFolder = folder,
            Port = 0,
            InMemory = true,
            Simulation = simulation with { NodeCount = nodes },
        }).ConfigureAwait(false);
        try
        {
            using (var ready = new CancellationTokenSource(timeout))
                await server.Simulation!.WaitForNodesReady(ready.Token).ConfigureAwait(false);
            var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!)).ConfigureAwait(false);
            foreach (var name in new[] { Namespace, WarmUpNamespace })
                await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }).ConfigureAwait(false);
            var journal = await journalIn(folder).ConfigureAwait(false);
            var (_, subscription) = server.Store.Watch(new StorageKey("", "pods"), Namespace, null);
            return new ReplicaCluster(folder, server, client, journal, subscription);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts the replicas: the first seeds the cluster and is ready (its singletons running) before
    /// the others join, so every replica is a member before any shard is allocated.
    /// </summary>
    public async Task StartReplicas(int count, WriteLimit limit, TimeSpan timeout)
    {
        var seedPort = ReplicaProcess.FreePort();
        var first = ReplicaProcess.Start(0, Server.KubeconfigPath, Journal, seedPort, limit);
        Replicas.Add(first);
        await first.WaitReady(timeout).ConfigureAwait(false);
        var others = Enumerable.Range(1, count - 1).Select(i => ReplicaProcess.Start(i, Server.KubeconfigPath, Journal, seedPort, limit)).ToList();
        Replicas.AddRange(others);
        await Task.WhenAll(others.Select(r => r.WaitReady(timeout))).ConfigureAwait(false);
    }

    /// <summary>
    /// CloneSets (two per replica, 4 pods each) scaled out and rolled out in place in a namespace of its own, so every replica has
    /// run the code paths measured (JIT, connections, journal tables) before the clock starts.
    /// Its pods stay; they are not in the measured namespace.
    /// </summary>
    public async Task WarmUp(TimeSpan timeout)
    {
        const int each = 4;
        var names = Enumerable.Range(0, 2 * Replicas.Count).Select(i => $"warm-up-{i}").ToList();
        await Following(WarmUpNamespace, async progress =>
        {
            await Task.WhenAll(names.Select(n => CreateCloneSet(n, each, "50%", WarmUpNamespace))).ConfigureAwait(false);
            await WaitDone(progress, OldImage, each * names.Count, timeout, WarmUpNamespace).ConfigureAwait(false);
            await Task.WhenAll(names.Select(n => RollOut(n, NewImage, WarmUpNamespace))).ConfigureAwait(false);
            return await WaitDone(progress, NewImage, each * names.Count, timeout, WarmUpNamespace).ConfigureAwait(false);
        }).ConfigureAwait(false);
        // The warm-up's last status writes and events, before anything is measured.
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="body"/> with a <see cref="PodProgress"/> following the pods of <paramref name="inNamespace"/> (from the store's watch) meanwhile.</summary>
    public async Task<T> Following<T>(string inNamespace, Func<PodProgress, Task<T>> body)
    {
        var progress = new PodProgress();
        var (_, subscription) = Server.Store.Watch(new StorageKey("", "pods"), inNamespace, null);
        using var stop = new CancellationTokenSource();
        using (subscription)
        {
            var following = progress.Follow(subscription, stop.Token);
            try
            {
                return await body(progress).ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await following.ConfigureAwait(false);
            }
        }
    }

    /// <summary>Until <paramref name="count"/> pods run <paramref name="image"/>; a timeout says where each CloneSet and replica stood.</summary>
    public async Task<long> WaitDone(PodProgress progress, string image, int count, TimeSpan timeout, string inNamespace = Namespace)
    {
        try
        {
            return await progress.WaitDone(image, count, timeout).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await Describe(inNamespace).ConfigureAwait(false)}", e);
        }
    }

    private async Task<string> Describe(string inNamespace)
    {
        var text = new System.Text.StringBuilder();
        try
        {
            var raw = await Client.CustomObjects.ListNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", inNamespace, "clonesets").ConfigureAwait(false);
            foreach (var item in System.Text.Json.Nodes.JsonNode.Parse(KubernetesJson.Serialize(raw))?["items"]?.AsArray() ?? [])
            {
                var status = item?["status"];
                text.AppendLine($"CloneSet {item?["metadata"]?["name"]}: spec.replicas {item?["spec"]?["replicas"]}, generation {item?["metadata"]?["generation"]}; status: " +
                    (status is null ? "none" : $"observedGeneration {status["observedGeneration"]}, replicas {status["replicas"]}, ready {status["readyReplicas"]}, updatedReady {status["updatedReadyReplicas"]}"));
            }
            foreach (var replica in Replicas.Where(r => !r.Killed))
            {
                var metrics = await replica.Scrape().ConfigureAwait(false);
                text.AppendLine($"replica {replica.Index} (pid {replica.ProcessId}): {metrics.Of("CloneSet")} CloneSet and {metrics.Of("Pod")} Pod entities, {metrics.ApiWrites} API writes");
            }
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or InvalidOperationException)
        {
            text.AppendLine($"(could not describe: {e.Message})");
        }
        return text.ToString();
    }

    public async Task CreateCloneSet(string name, int replicas, string maxUnavailable, string inNamespace = Namespace) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(CloneSet(name, inNamespace, replicas, maxUnavailable), "apps.kruise.io", "v1alpha1", inNamespace, "clonesets")
            .ConfigureAwait(false);

    /// <summary>A new image in the template: an in-place update of every pod (InPlaceIfPossible).</summary>
    public async Task RollOut(string name, string image, string inNamespace = Namespace)
    {
        var patch = $$"""[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"{{image}}"}]""";
        // The embedded API server answers 409 to a patch that raced the controller's status write
        // (kube-apiserver would retry it itself); a patch carries no resourceVersion, so sending it again is safe.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "apps.kruise.io", "v1alpha1", inNamespace, "clonesets", name)
                    .ConfigureAwait(false);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 10)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    /// <summary>This process's CPU seconds: the API server, the simulation and the benchmark's own watch.</summary>
    public static double ServerCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    private static CloneSet CloneSet(string name, string inNamespace, int replicas, string maxUnavailable) => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "CloneSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = inNamespace },
        Spec = new CloneSetSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = OldImage }] },
            },
            UpdateStrategy = new CloneSetUpdateStrategy { Type = "InPlaceIfPossible", MaxUnavailable = (IntOrString)maxUnavailable },
        },
    };

    public async ValueTask DisposeAsync()
    {
        // Leaving one by one keeps a majority up until the last, so no replica downs itself on the way.
        for (var i = Replicas.Count - 1; i >= 0; i--)
            await Replicas[i].Stop(StopTimeout).ConfigureAwait(false);
        foreach (var replica in Replicas)
            await replica.DisposeAsync().ConfigureAwait(false);
        await _stopFollowing.CancelAsync().ConfigureAwait(false);
        await _following.ConfigureAwait(false);
        _subscription.Dispose();
        _stopFollowing.Dispose();
        Client.Dispose();
        await Server.DisposeAsync().ConfigureAwait(false);
        TempFolder.Delete(_folder);
    }
}
