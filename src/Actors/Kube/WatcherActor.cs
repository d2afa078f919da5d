using System.Diagnostics.CodeAnalysis;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using k8s;
using k8s.Models;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Kube;

/// <summary>Ask a watcher to re-deliver everything routed to <see cref="Entity"/>, then <see cref="ObservationsSynced"/>.</summary>
public sealed record ResyncRequest(EntityId Entity);

/// <summary>The entity kind a watcher re-delivers to (<see cref="PeriodicResync"/>), and when.</summary>
public sealed record ResyncKind(EntityKind Kind, ResyncOptions Options);

/// <summary>Ask a watcher whether its first list is done; the reply is a bool.</summary>
public sealed class IsListed
{
    public static readonly IsListed Instance = new();

    private IsListed()
    {
    }
}

/// <summary>
/// Watches one resource (a <see cref="ListWatchLoop"/> in the background), keeps the last state of
/// every object and an index of which entities each is routed to, passes every change on to those
/// entities, answers resync requests of entities that (re)started, and (given a
/// <see cref="ResyncKind"/>) re-delivers that kind's objects periodically and after a replica left
/// the cluster (<see cref="PeriodicResync"/>).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Disposed in PostStop, the end of an actor's life.")]
public sealed class WatcherActor : ReceiveActor, IWithTimers
{
    private const string PeriodicTimer = "resync";
    private const string AfterRemovalTimer = "resync-after-removal";

    private readonly WatchedResource _resource;
    private readonly ObjectRouter _router;
    private readonly IEntityRouter _entities;
    private readonly Func<IWatchSink, Func<CancellationToken, Task>> _startLoop;
    private readonly WatchCache _cache = new();
    private readonly RoutedKeys _index = new();
    // A set: an entity asks again until it has its resync, and one answer after the list serves all its asks.
    private readonly HashSet<EntityId> _waiting = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ResyncKind? _resync;
    private CancellationTokenSource? _stop;
    private bool _listed;

    /// <summary><paramref name="startLoop"/>, given the sink, returns the loop to run until cancelled (a <see cref="ListWatchLoop"/>).</summary>
    public WatcherActor(WatchedResource resource, ObjectRouter router, IEntityRouter entities, Func<IWatchSink, Func<CancellationToken, Task>> startLoop, ResyncKind? resync = null)
    {
        _resource = resource;
        _router = router;
        _entities = entities;
        _startLoop = startLoop;
        _resync = resync;
        Receive<Listed>(OnListed);
        Receive<Changed>(m =>
        {
            if (_cache.Apply(m.Type, m.Object) is { } change)
                Deliver(change);
        });
        Receive<ResyncRequest>(m =>
        {
            if (_listed)
                Resync(m.Entity);
            else
                _waiting.Add(m.Entity);
        });
        Receive<IsListed>(_ => Sender.Tell(_listed));
        Receive<WatchOpenedAt>(_ => { });
        Receive<ResyncNow>(_ => ResyncAll());
        Receive<ClusterEvent.MemberRemoved>(_ =>
        {
            if (_resync?.Options.AfterMemberRemoved is { } delay)
                Timers.StartSingleTimer(AfterRemovalTimer, ResyncNow.Instance, delay);
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(WatchedResource resource, ObjectRouter router, IEntityRouter entities, Func<IWatchSink, Func<CancellationToken, Task>> startLoop, ResyncKind? resync = null) =>
        Akka.Actor.Props.Create(() => new WatcherActor(resource, router, entities, startLoop, resync));

    /// <summary>The production loop: list+watch through <paramref name="api"/>.</summary>
    public static Func<IWatchSink, Func<CancellationToken, Task>> ListWatch(KubeApi api, WatchedResource resource, WatchOptions options, HealthLog health, ControllerMetrics metrics) =>
        sink => token => new ListWatchLoop(api, resource, sink, options, health, metrics).RunAsync(null, token);

    protected override void PreStart()
    {
        if (_resync?.Options.Period is { } period)
            Timers.StartPeriodicTimer(PeriodicTimer, ResyncNow.Instance, period);
        if (_resync?.Options.AfterMemberRemoved is not null && InCluster)
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
        _stop = new CancellationTokenSource();
        var run = _startLoop(new ActorSink(Self));
        var token = _stop.Token;
        var log = _log;
        var resource = _resource;
        _ = Task.Run(async () =>
        {
            try
            {
                await run(token).ConfigureAwait(false);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                log.Error(e, "watch of {0} ended unexpectedly", resource);
            }
        }, CancellationToken.None);
    }

    protected override void PostStop()
    {
        if (_resync?.Options.AfterMemberRemoved is not null && InCluster)
            Cluster.Get(Context.System).Unsubscribe(Self);
        _stop?.Cancel();
        _stop?.Dispose();
    }

    private void OnListed(Listed message)
    {
        foreach (var change in _cache.ApplyList(message.Items))
            Deliver(change);
        if (_listed)
            return;
        _listed = true;
        _log.Info("{0}: listed {1} objects", _resource, _cache.Count);
        foreach (var entity in _waiting)
            Resync(entity);
        _waiting.Clear();
    }

    private void Deliver(WatchChange change)
    {
        var key = WatchCache.KeyOf(change.Object);
        var before = change.Previous is null ? [] : _router.Route(_resource, change.Previous);
        var after = _router.Route(_resource, change.Object);
        foreach (var entity in before.Except(after))
            _index.Remove(entity, key);
        object message = change.Type == WatchChangeType.Deleted
            ? new ObjectDeleted(_resource.Kind, change.Object)
            : new ObjectObserved(_resource.Kind, change.Object);
        foreach (var entity in after.Union(before))
        {
            if (change.Type == WatchChangeType.Deleted)
                _index.Remove(entity, key);
            else
                _index.Add(entity, key);
            _entities.Tell(entity, message);
        }
    }

    private void Resync(EntityId entity)
    {
        foreach (var (ns, name) in _index.Of(entity))
        {
            if (_cache.TryGet(ns, name, out var obj))
                _entities.Tell(entity, new ObjectObserved(_resource.Kind, obj));
        }
        _entities.Tell(entity, new ObservationsSynced(_resource.Kind));
    }

    // Tests run watchers in a plain actor system, which has no membership to follow.
    private static bool InCluster => ((ExtendedActorSystem)Context.System).Provider is IClusterActorRefProvider;

    // Before the first list there is nothing to re-deliver; the list delivers everything anyway.
    private void ResyncAll()
    {
        if (!_listed || _resync is null)
            return;
        var deliveries = PeriodicResync.Deliveries(_resync.Kind, _cache.Objects);
        foreach (var (entity, message) in deliveries)
            _entities.Tell(entity, message);
        if (deliveries.Count > 0)
            _log.Debug("{0}: resync re-delivered {1} objects", _resource, deliveries.Count);
    }

    private sealed class ResyncNow
    {
        public static readonly ResyncNow Instance = new();

        private ResyncNow()
        {
        }
    }

    private sealed record Listed(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Items);

    private sealed record Changed(WatchChangeType Type, IKubernetesObject<V1ObjectMeta> Object);

    private sealed record WatchOpenedAt(string ResourceVersion);

    private sealed class ActorSink(IActorRef self) : IWatchSink
    {
        public void Listed(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> items, string resourceVersion) => self.Tell(new Listed(items));

        public void Changed(WatchChangeType type, IKubernetesObject<V1ObjectMeta> obj) => self.Tell(new Changed(type, obj));

        public void WatchOpened(string resourceVersion) => self.Tell(new WatchOpenedAt(resourceVersion));
    }
}
