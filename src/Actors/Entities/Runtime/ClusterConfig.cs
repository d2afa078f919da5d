using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// HOCON for a controller replica: Akka.Cluster with the keep-majority split-brain resolver, and
/// sharding that remembers entities in the journal (event-sourced store; the DData store hangs
/// with the packages served here) so entities of a lost replica restart elsewhere at once.
/// A replica whose process is gone is downed within about a second by <see cref="DeadReplicaProbe"/>
/// (its port refuses connections). One that stops answering but still listens (hung, cut off) is
/// left to this configuration: the failure detector suspects it after ~4-5 s without heartbeats,
/// the resolver downs it once membership has been stable for <see cref="RuntimeOptions.StableAfter"/>
/// (Akka's default is 20 s), and its shards and singletons start on the survivors
/// <see cref="RuntimeOptions.DownRemovalMargin"/> later (by default Akka waits stable-after again).
/// Keep-majority: with 2 replicas an even split keeps the side holding the lowest address, so
/// that replica hanging takes the other down too; run 3 to survive the loss of any one.
/// </summary>
public static class ClusterConfig
{
    public static Config For(RuntimeOptions options)
    {
        var hocon = string.Create(CultureInfo.InvariantCulture, $$"""
            akka {
              loglevel = {{options.LogLevel}}
              stdout-loglevel = WARNING
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = "{{options.ClusterHost}}"
                port = {{options.ClusterPort}}
              }
              cluster {
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{Millis(options.StableAfter)}}
                }
                # The downed side stops its entities when it downs itself, at about the time the
                # survivors decide; this margin covers its shutdown before they start them again.
                down-removal-margin = {{Millis(options.DownRemovalMargin)}}
                run-coordinated-shutdown-when-down = on
                # Each of these steps of a failover waits for its next tick (Akka: 1 s each): marking
                # a suspected replica unreachable, the leader removing a downed one, the survivors
                # hearing of it. Half a second each takes about 1.5 s off a failover, for a little
                # more gossip among a handful of replicas.
                unreachable-nodes-reaper-interval = 500ms
                leader-actions-interval = 500ms
                gossip-interval = 500ms
                failure-detector {
                  heartbeat-interval = 1s
                  # A pause this long (GC, a loaded node) is tolerated before a replica is suspected.
                  # A replica whose process is gone is downed within about a second by the dead
                  # replica probe (its port refuses), so this only times hung replicas and lost
                  # networks, and a false suspicion costs a healthy replica: on a loaded 2-core
                  # machine heartbeats arrived up to 3.6 s apart, at load 40-60 up to 13 s.
                  acceptable-heartbeat-pause = 8s
                }
                sharding {
                  remember-entities = on
                  remember-entities-store = eventsourced
                  state-store-mode = ddata
                  distributed-data.durable.keys = []
                  # A remembered entity that stopped (a crash, a journal failure) is back in 1 s, and a
                  # shard that failed to start (its remembered ids not loaded in time from a slow
                  # journal) in 2 s, not 10 s each.
                  entity-restart-backoff = 1s
                  shard-failure-backoff = 2s
                  # How often a region registers with a new coordinator and asks again for the homes of
                  # shards it holds messages for. A coordinator that moved ignores requests until every
                  # region has registered, and a dead replica's remembered shards wait for that: at 1 s
                  # this took 2-4 s of a failover. Only regions without a coordinator or with held
                  # messages send these, so a quarter second costs nothing in steady state.
                  retry-interval = 250ms
                  coordinator-failure-backoff = 1s
                  # How long a starting shard waits for its remembered entity ids (a journal replay).
                  # When it gives up it stops, and every message it held for its entities is lost
                  # ("Failed to load initial entity ids from remember entities store"): on a loaded
                  # 2-core machine a shard store's snapshot load took over 10 s, so 1 s lost
                  # deliveries. A coordinator's state read waits this long too, but only while a
                  # majority does not answer, and it retries.
                  waiting-for-state-timeout = 20s
                  # Loading and writing remembered entity ids goes through the journal; on a busy
                  # PostgreSQL 5 s was not enough, and a shard that times out drops the messages it held.
                  updating-state-timeout = 15s
                }
                singleton.hand-over-retry-interval = 500ms
                singleton-proxy.singleton-identification-interval = 500ms
                # Akka.NET 1.5.73's proxy logs "failed to find an associated singleton ... after 30
                # seconds" the moment it starts looking (its timeout timer fires at once), at every
                # start and leave. A watcher that is really missing shows in /readyz instead.
                singleton-proxy.log-singleton-identification-failure = off
              }
              coordinated-shutdown.run-by-clr-shutdown-hook = off
            }
            """);
        return ConfigurationFactory.ParseString(hocon);
    }

    private static string Millis(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMilliseconds}ms");

    /// <summary>Parses HOST:PORT seeds into cluster addresses of <paramref name="systemName"/>.</summary>
    public static IReadOnlyList<Address> SeedAddresses(string systemName, IEnumerable<string> seeds) =>
        seeds.Select(seed =>
        {
            var colon = seed.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new FormatException($"seed \"{seed}\" is not HOST:PORT");
            return new Address("akka.tcp", systemName, seed[..colon], port);
        }).ToList();
}
