using Kruise.Actors.LocalCluster.Controllers;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation.Events;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// The kubelet (with its container runtime and CNI) of every simulated node, run in-process:
/// it runs the pods bound to Nodes labelled <see cref="SimulationConventions.SimulatedNodeLabel"/>
/// that are not stopped (<see cref="SimulationConventions.NodeStoppedAnnotation"/>), talking to
/// the API server only through <see cref="ResourceService"/>, as any client does. It follows
/// the cluster's change feed, syncs pods on a work queue (one sync per pod at a time), and
/// writes pod statuses, Events and final deletes.
/// </summary>
public sealed class SimulatedKubelets : IAsyncDisposable
{
    private const int EventWriters = 8;

    private readonly CancellationTokenSource _stopping;
    private readonly ILogger _logger;
    private readonly KubeletOptions _options;
    private readonly EventRecorder _events;
    private readonly WorkQueue<PodKey> _queue;
    private readonly PodSync _sync;
    private readonly ClusterFeed _feed;
    private bool _started;
    private bool _stopped;

    public SimulatedKubelets(ResourceService service, KubeletOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _logger = logger;
        _options = options;
        var stopping = _stopping.Token;
        _events = new EventRecorder(service, "kubelet", EventWriters, logger, stopping);
        _queue = new WorkQueue<PodKey>("kubelet", logger, stopping);
        _sync = new PodSync(service, options, options.Time ?? service.Clock, _events, _queue, stopping);
        _feed = new ClusterFeed(service.Store, [new KubeletFeed(_sync, _queue, logger)], logger);
    }

    /// <summary>
    /// Start running pods: the address pool is rebuilt from the pods' addresses first, then every
    /// existing pod is looked at (a restart resumes where the last run stopped), then each change.
    /// </summary>
    public void Start()
    {
        if (_started)
            throw new InvalidOperationException("the kubelets have already been started");
        _started = true;
        foreach (var conflict in _sync.RestoreAddresses())
            _logger.LogWarning("Pod address conflict: {Conflict}", conflict);
        _events.Start();
        _queue.Start(Math.Max(_options.Workers, 1), _sync.Sync);
        _feed.Start();
    }

    /// <summary>Stop: the pods stay as they are (as when every node's kubelet stops), and a new start resumes them.</summary>
    public async Task Stop()
    {
        if (_stopped)
            return;
        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (!_started)
            return;
        await _feed.Stop().ConfigureAwait(false);
        await _queue.Stop().ConfigureAwait(false);
        await _events.Stop().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Stop().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
