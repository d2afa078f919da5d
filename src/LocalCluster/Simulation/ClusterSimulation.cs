using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation.Kubelet;
using Kruise.Actors.LocalCluster.Simulation.Nodes;
using Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;
using Kruise.Actors.LocalCluster.Simulation.Scheduling;

namespace Kruise.Actors.LocalCluster.Simulation;

/// <summary>
/// The simulated nodes of the embedded cluster, run in-process like KWOK: each part follows the
/// cluster through one change feed and writes only through <see cref="ResourceService"/>, as a
/// kubelet or controller would through the API: the nodes (registration, leases, status), the
/// node lifecycle controller, the scheduler, and the kubelets with the CNI. The scheduler and the
/// kubelets keep informer-like caches of their own, so they follow the feed themselves.
/// </summary>
public sealed class ClusterSimulation : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResourceService _service;
    private readonly IReadOnlyList<ISimulationPart> _parts;
    private readonly ClusterFeed _feed;
    private readonly DefaultScheduler? _scheduler;
    private readonly SimulatedKubelets? _kubelets;

    private ClusterSimulation(ResourceService service, SimulationOptions options, ILogger logger)
    {
        _service = service;
        Options = options;
        var writes = new ObjectWrites(service);
        var stopping = _stopping.Token;
        _parts =
        [
            new NodeHeartbeats(writes, options.LeaseRenewInterval, logger, stopping),
            new NodeLifecycleController(writes, options, logger, stopping),
        ];
        _feed = new ClusterFeed(service.Store, _parts, logger);
        _scheduler = options.Scheduler is { } scheduler ? new DefaultScheduler(service, scheduler, logger, stopping) : null;
        _kubelets = options.Kubelet is { } kubelet ? new SimulatedKubelets(service, kubelet, logger, stopping) : null;
    }

    public SimulationOptions Options { get; }

    /// <summary>Registers the missing nodes, then starts every part; the existing objects are looked at first.</summary>
    internal static async Task<ClusterSimulation> Start(ResourceService service, SimulationOptions options, string minorVersion, ILogger logger, CancellationToken cancellationToken)
    {
        if (options.Problem() is { } problem)
            throw new ArgumentException($"simulation options: {problem}", nameof(options));
        var simulation = new ClusterSimulation(service, options, logger);
        try
        {
            await NodeRegistration.EnsureNodes(new ObjectWrites(service), options, minorVersion, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            simulation._stopping.Dispose();
            throw;
        }
        foreach (var part in simulation._parts)
            part.Start();
        simulation._feed.Start();
        simulation._scheduler?.Start();
        simulation._kubelets?.Start();
        return simulation;
    }

    /// <summary>Whether every simulated node that is not stopped reports Ready.</summary>
    public bool NodesReady() =>
        NodeRegistration.RunningNodesReady(_service.Store.List(new("", "nodes"), null).Items.Select(n => n.Object));

    /// <summary>Waits until <see cref="NodesReady"/>.</summary>
    public async Task WaitForNodesReady(CancellationToken cancellationToken)
    {
        while (!NodesReady())
            await Task.Delay(TimeSpan.FromMilliseconds(50), _service.Clock, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_kubelets is not null)
            await _kubelets.DisposeAsync().ConfigureAwait(false);
        if (_scheduler is not null)
            await _scheduler.DisposeAsync().ConfigureAwait(false);
        await _feed.Stop().ConfigureAwait(false);
        foreach (var part in _parts)
            await part.Stop().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
