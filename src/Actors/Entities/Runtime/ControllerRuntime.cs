using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Event;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// One controller replica: the actor system in the Akka cluster, a shard region per entity kind,
/// the watchers (cluster singletons) and this replica's command gateway.
/// </summary>
public sealed class ControllerRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly IReadOnlyDictionary<string, IActorRef> _regions;
    private readonly IWatchTopology _watches;

    private ControllerRuntime(ActorSystem system, CancellationTokenSource stopping, IReadOnlyDictionary<string, IActorRef> regions, IWatchTopology watches,
        IActorRef gateway, ControllerMetrics metrics, IEntityRouter router)
    {
        System = system;
        _stopping = stopping;
        _regions = regions;
        _watches = watches;
        Gateway = gateway;
        Metrics = metrics;
        Entities = router;
    }

    public ActorSystem System { get; }
    public IActorRef Gateway { get; }
    public ControllerMetrics Metrics { get; }

    /// <summary>Sends a message to any entity by id (through its shard region).</summary>
    public IEntityRouter Entities { get; }

    public IReadOnlyCollection<string> Kinds => _regions.Keys.ToList();

    public static async Task<ControllerRuntime> Start(RuntimeOptions options, ControllerCatalog catalog, KubeApi api)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Validate();
        options.Journal.Prepare();

        var resources = catalog.Kinds.SelectMany(k => k.Observes).Distinct().ToList();
        var config = ConfigurationFactory.ParseString(CompactDequeMailbox.Hocon)
            .WithFallback(ClusterConfig.For(options)).WithFallback(PersistenceConfig.For(options.Journal));
        var setup = BootstrapSetup.Create().WithConfig(config).And(EventSerializer.Setup(catalog.Events, resources));
        if (PersistenceConfig.ConnectionSetup(options.Journal) is { } connections)
            setup = setup.And(connections);
        var system = ActorSystem.Create(options.SystemName, setup);
        var log = Logging.GetLogger(system, "kruise-actors");
        var stopping = new CancellationTokenSource();
        var metrics = new ControllerMetrics();

        if (options.DeadReplicaCheck is { } check)
            system.ActorOf(DeadReplicaProbe.Props(check, options.Time), "dead-replica-probe");

        var executor = new CommandExecutor(api, options.Gateway, options.Time, new HealthLog("API server (writes)", log), metrics);
        var gateway = system.ActorOf(CommandGateway.Props(executor, stopping.Token), "kube-gateway");

        // Wiring order matters: proxies and regions exist before this replica joins the cluster,
        // so neither a watcher nor a remembered entity can start before the other side is there.
        var regions = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var router = new ShardRegionRouter(regions);
        var objectRouter = new ObjectRouter(catalog.Kinds);
        var watches = SingletonWatchTopology.Start(system, resources, resource =>
            WatcherActor.Props(resource, objectRouter, router,
                WatcherActor.ListWatch(api, resource, options.Watch, new HealthLog($"watch of {resource}", log), metrics),
                PeriodicResync.KindFor(resource, catalog.Kinds) is { } resynced ? new ResyncKind(resynced, options.Resync) : null));

        var context = new EntityContext(gateway, watches, metrics, options.Time, new HealthLog("journal", log)) { SnapshotEvery = options.SnapshotEvery, Entities = router };
        var sharding = ClusterSharding.Get(system);
        var settings = ClusterShardingSettings.Create(system);
        foreach (var kind in catalog.Kinds)
        {
            var k = kind;
            regions[kind.Name] = await sharding.StartAsync(kind.Name, id => k.CreateProps(EntityId.Parse(id), context), settings,
                new EntityMessageExtractor(options.Shards)).ConfigureAwait(false);
        }

        var cluster = Cluster.Get(system);
        if (options.Seeds.Count == 0)
            cluster.Join(cluster.SelfAddress);
        else
            cluster.JoinSeedNodes(ClusterConfig.SeedAddresses(options.SystemName, options.Seeds));
        log.Info("controller replica {0} starting: journal {1}, kinds [{2}], watching [{3}]", cluster.SelfAddress, options.Journal,
            string.Join(", ", regions.Keys), string.Join(", ", resources));
        return new ControllerRuntime(system, stopping, regions, watches, gateway, metrics, router);
    }

    /// <summary>Asks an entity (e.g. <see cref="GetEntityState"/>), starting it if needed.</summary>
    public Task<T> Ask<T>(EntityId entity, object message, TimeSpan timeout) =>
        _regions.TryGetValue(entity.Kind, out var region)
            ? region.Ask<T>(new ShardingEnvelope(entity.ToString(), message), timeout)
            : throw new ArgumentException($"no entity kind {entity.Kind} runs here", nameof(entity));

    /// <summary>This replica is a cluster member that is up (or joining/leaving, still serving).</summary>
    public bool IsHealthy()
    {
        if (System.WhenTerminated.IsCompleted)
            return false;
        var status = Cluster.Get(System).SelfMember.Status;
        return status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up or MemberStatus.Leaving;
    }

    /// <summary>Up in the cluster and every watcher has listed once.</summary>
    public async Task<bool> IsReady(TimeSpan timeout) =>
        Cluster.Get(System).SelfMember.Status == MemberStatus.Up && await _watches.AllListed(timeout).ConfigureAwait(false);

    /// <summary>Live entities per kind on this replica, asked of the local shard regions.</summary>
    public async Task<IReadOnlyDictionary<string, int>> LiveEntities(TimeSpan timeout)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (kind, region) in _regions)
        {
            try
            {
                var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout).ConfigureAwait(false);
                counts[kind] = state.Shards.Sum(s => s.EntityIds.Count);
            }
            catch (AskTimeoutException)
            {
                counts[kind] = 0;
            }
        }
        return counts;
    }

    /// <summary>Leaves the cluster gracefully (shards hand over to the other replicas) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
        await System.WhenTerminated.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
