using Kruise.Actors.LocalCluster.Semantics;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>
/// The part of kube-controller-manager every cluster relies on, run in-process: the garbage
/// collector, the namespace controller, the serviceaccount controller and the root-CA publisher.
/// They follow one change feed of the whole store and write through <see cref="ResourceService"/>.
/// </summary>
internal sealed class BuiltinControllers : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly GarbageCollector _garbageCollector;
    private readonly NamespaceController _namespaces;
    private readonly List<NamespaceObjectPublisher> _publishers = [];
    private readonly ClusterFeed _feed;

    private BuiltinControllers(ResourceService service, string? rootCaPem, ILogger logger)
    {
        var writes = new ObjectWrites(service);
        var stopping = _stopping.Token;
        _garbageCollector = new GarbageCollector(writes, logger, stopping);
        _namespaces = new NamespaceController(writes, logger, stopping);
        _publishers.Add(NamespaceObjectPublisher.DefaultServiceAccount(writes, logger, stopping));
        if (rootCaPem is not null)
            _publishers.Add(NamespaceObjectPublisher.RootCa(rootCaPem, writes, logger, stopping));
        _feed = new ClusterFeed(service.Store, [_garbageCollector, _namespaces, .. _publishers], logger);
    }

    /// <summary>Start every controller; the existing objects are looked at first (a full resync).</summary>
    public static BuiltinControllers Start(ResourceService service, string? rootCaPem, ILogger logger)
    {
        var controllers = new BuiltinControllers(service, rootCaPem, logger);
        controllers._garbageCollector.Start();
        controllers._namespaces.Start();
        foreach (var publisher in controllers._publishers)
            publisher.Start();
        controllers._feed.Start();
        return controllers;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _feed.Stop().ConfigureAwait(false);
        await _garbageCollector.Stop().ConfigureAwait(false);
        await _namespaces.Stop().ConfigureAwait(false);
        foreach (var publisher in _publishers)
            await publisher.Stop().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
