using System.Net;
using System.Net.Sockets;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Tests.Integration;
using Kruise.Actors.Tests.Persistence;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// A controller of several `kruise-actors run` processes forming one Akka cluster on a shared
/// PostgreSQL journal, against the embedded API server (in this test process) with simulated nodes
/// slow enough that a rollout takes seconds. Disposing kills every process left, even when the
/// test failed, and writes the end of each replica's log to the test output.
/// </summary>
public sealed class ReplicaCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly ITestOutputHelper _output;
    private readonly SlowNodesApi _api = new();
    private readonly List<ReplicaProcess> _replicas = [];
    private TestPostgres? _journal;

    private ReplicaCluster(ITestOutputHelper output) => _output = output;

    public IReadOnlyList<ReplicaProcess> Replicas => _replicas;
    public ApiServerFixture Api => _api;
    public TestPostgres Journal => _journal!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };
    public string Namespace { get; private set; } = "";

    /// <summary>Starts the API server, a fresh journal database and <paramref name="count"/> replicas; the first is the seed and has the lowest address.</summary>
    public static async Task<ReplicaCluster> Start(int count, ITestOutputHelper output)
    {
        var cluster = new ReplicaCluster(output);
        try
        {
            await cluster._api.InitializeAsync();
            cluster._journal = new TestPostgres();
            cluster.Namespace = await cluster._api.Namespace();
            var clusterPorts = FreePorts(count).Order().ToList();
            var httpPorts = FreePorts(count);
            var journal = $"postgres:{cluster._journal.Target.ConnectionString}";
            var kubeconfig = cluster._api.Server.KubeconfigPath;
            cluster._replicas.Add(ReplicaProcess.Start("replica-0", kubeconfig, journal, clusterPorts[0], httpPorts[0], seedPort: null));
            // The seed first, so the others join its cluster rather than forming their own.
            await cluster.WaitReady(cluster._replicas[0]);
            for (var i = 1; i < count; i++)
                cluster._replicas.Add(ReplicaProcess.Start($"replica-{i}", kubeconfig, journal, clusterPorts[i], httpPorts[i], clusterPorts[0]));
            foreach (var replica in cluster._replicas.Skip(1))
                await cluster.WaitReady(replica);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>kubectl in this cluster's namespace.</summary>
    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) =>
        LocalCluster.Tests.Integration.Kubectl.Run(_api.Server.KubeconfigPath, $"-n {Namespace} {arguments}", stdin);

    /// <summary>Live entities of <paramref name="kind"/> per running replica.</summary>
    public async Task<Dictionary<ReplicaProcess, int>> EntityCounts(string kind)
    {
        var counts = new Dictionary<ReplicaProcess, int>();
        foreach (var replica in _replicas.Where(r => !r.HasExited))
            counts[replica] = (await replica.Entities(Http)).GetValueOrDefault(kind);
        return counts;
    }

    /// <summary>The one running replica whose metrics show the (single) entity of <paramref name="kind"/>.</summary>
    public async Task<ReplicaProcess> HostOf(string kind)
    {
        ReplicaProcess? host = null;
        await Eventually.True(async () =>
        {
            var hosts = (await EntityCounts(kind)).Where(p => p.Value > 0).Select(p => p.Key).ToList();
            host = hosts.Count == 1 ? hosts[0] : null;
            return host is not null;
        }, $"exactly one replica hosts the {kind} entity", seconds: 60);
        return host!;
    }

    private async Task WaitReady(ReplicaProcess replica)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await replica.Ready(Http))
        {
            if (replica.HasExited || DateTime.UtcNow > deadline)
                Assert.Fail($"{replica.Name} never became ready (exited: {replica.HasExited}):\n{string.Join('\n', replica.Log.TakeLast(40))}");
            await Task.Delay(200);
        }
    }

    private static List<int> FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        foreach (var listener in listeners)
            listener.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        foreach (var listener in listeners)
            listener.Stop();
        return ports;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
        // KRUISE_REPLICA_LOGS=DIR keeps every replica's whole log there (the output has the last lines).
        var keep = Environment.GetEnvironmentVariable("KRUISE_REPLICA_LOGS");
        foreach (var replica in _replicas)
        {
            _output.WriteLine($"--- {replica.Name} (cluster port {replica.ClusterPort}), last lines:");
            foreach (var line in replica.Log.TakeLast(25))
                _output.WriteLine(line);
            if (keep is { Length: > 0 })
            {
                Directory.CreateDirectory(keep);
                await File.WriteAllLinesAsync(Path.Combine(keep, $"{Namespace}-{replica.Name}-{replica.ClusterPort}.log"), replica.Log);
            }
        }
        Http.Dispose();
        _journal?.Dispose();
        await _api.DisposeAsync();
    }

    /// <summary>Three simulated nodes whose kubelet takes a moment per step, so an in-place update of a pod takes about a second.</summary>
    private sealed class SlowNodesApi : ApiServerFixture
    {
        protected override SimulationOptions? Simulation => new()
        {
            Kubelet = new KubeletOptions
            {
                ImagePull = TimeSpan.FromMilliseconds(300),
                ContainerStart = TimeSpan.FromMilliseconds(300),
                Readiness = TimeSpan.FromMilliseconds(300),
                ContainerStop = TimeSpan.FromMilliseconds(200),
            },
        };
    }
}
