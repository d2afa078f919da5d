using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>What a built-in controller learns from the cluster's change feed.</summary>
internal interface IFeedHandler
{
    /// <summary>
    /// Called on the feed's single dispatch task, in resourceVersion order; keep it quick (update
    /// an index, queue work) and do the writes from the controller's own workers.
    /// </summary>
    void OnChange(WatchEvent change);
}

/// <summary>
/// One ordered feed of every change to every resource, custom ones included whenever their CRD
/// is registered: the existing objects first (as Added: the resync after a restart), then each
/// later change. Handlers thus see one consistent history, as informers sharing one cache would.
/// </summary>
internal sealed class ClusterFeed(ObjectStore store, IReadOnlyList<IFeedHandler> handlers, ILogger logger)
{
    private WatchHub.Subscription? _subscription;
    private Task _dispatch = Task.CompletedTask;

    public void Start()
    {
        var (initial, subscription) = store.WatchAll();
        _subscription = subscription;
        _dispatch = Task.Run(async () =>
        {
            foreach (var (key, obj) in initial)
                Dispatch(new WatchEvent(WatchEventType.Added, key, obj));
            await foreach (var change in subscription.Events.ReadAllAsync().ConfigureAwait(false))
                Dispatch(change);
        });
    }

    /// <summary>Stops following changes: those already queued are still handed out, then the dispatch task ends.</summary>
    public async Task Stop()
    {
        _subscription?.Dispose();
        await _dispatch.ConfigureAwait(false);
    }

    private void Dispatch(WatchEvent change)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler.OnChange(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One bad object must not stop the feed for every controller.
                logger.LogError(e, "{Handler} failed on {Type} {Key} {Namespace}/{Name}", handler.GetType().Name, change.Type, change.Key, change.Object.Namespace, change.Object.Name);
            }
        }
    }
}
