using System.Globalization;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Kruise.Actors.Persistence;

/// <summary>
/// HOCON for the Sql journal, snapshot store and read journal on one <see cref="JournalTarget"/>,
/// tuned so that a database outage costs its own length and a few seconds, not a minute more.
/// </summary>
public static class PersistenceConfig
{
    /// <summary>
    /// How long the journal's circuit breaker fails calls fast once open before letting one through
    /// again (Akka's default, 30 s, keeps a replica idle half a minute after PostgreSQL is back).
    /// Short, because an open breaker only spares the database calls that would fail anyway.
    /// </summary>
    public static readonly TimeSpan BreakerReset = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Failures before the snapshot store's breaker opens: never, in effect. Akka's snapshot store
    /// calls its breaker outside a task, so a half-open breaker throws in the actor for every call
    /// but the one it lets through; the store then restarts, drops the loads in flight (entities
    /// wait out their 30 s recovery timeout) and, while the database is down, fails to create its
    /// tables again every second. Without the breaker a load fails on its own (refused at once, or
    /// at the call timeout) and the entity restarts after <see cref="RestartBackoff"/>.
    /// </summary>
    public const int SnapshotBreakerMaxFailures = 1_000_000;

    /// <summary>
    /// How soon sharding starts again an entity or a shard that stopped because the journal failed
    /// (Akka's defaults: 10 s each). A restart recovers from the journal; while the journal is
    /// still down it fails fast at the open breaker and is tried again after this long, so a few
    /// seconds is cheap and bounds the wait once it is back. A message for a stopped entity starts
    /// it at once anyway. The shard coordinator keeps Akka's 5 s: its store logs every failed
    /// restart with a stack trace, and only new shards wait for it.
    /// </summary>
    public static readonly TimeSpan RestartBackoff = TimeSpan.FromSeconds(2);

    public static Config For(JournalTarget target)
    {
        var connection = Quote(target.ConnectionString);
        var provider = Quote(target.ProviderName);
        var reset = Seconds(BreakerReset);
        var restart = Seconds(RestartBackoff);
        var hocon = string.Create(CultureInfo.InvariantCulture, $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  circuit-breaker { max-failures = 10, call-timeout = 10s, reset-timeout = {{reset}} }
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  circuit-breaker { max-failures = {{SnapshotBreakerMaxFailures}}, call-timeout = 10s, reset-timeout = {{reset}} }
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
              }
            }
            # Sharding's restarts after a journal failure (a replica's own cluster settings win).
            akka.cluster.sharding {
              entity-restart-backoff = {{restart}}
              shard-failure-backoff = {{restart}}
            }
            """);
        return ConfigurationFactory.ParseString(hocon).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds}s");

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
