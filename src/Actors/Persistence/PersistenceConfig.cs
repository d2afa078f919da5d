using System.Globalization;
using System.Data.Common;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using LinqToDB;

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

    /// <summary>
    /// Concurrent journal write batches on PostgreSQL (Akka's default). SQLite gets one: it lets
    /// one writer in at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping
    /// 150 ms before trying again, so parallel batches only queued behind those sleeps (a
    /// 5,000-pod scale-out spent over a thread's worth of time in them).
    /// </summary>
    public const int JournalWriters = 3;

    /// <summary>
    /// The isolation Akka's SQL plugins ask for around their reads on SQLite (an entity's recovery:
    /// its latest snapshot, its highest sequence number, its events). Any other level makes
    /// Microsoft.Data.Sqlite open the transaction with BEGIN IMMEDIATE, which takes the database's
    /// one write lock for a read; this one gets a deferred BEGIN, so under WAL reads take no lock
    /// and still see one consistent, committed state (SQLite ignores read-uncommitted outside a
    /// shared cache).
    /// </summary>
    public const string SqliteReadIsolation = "read-uncommitted";

    /// <summary>
    /// How long a SQLite connection waits inside SQLite for another connection's write lock.
    /// Microsoft.Data.Sqlite sets no busy timeout: a busy database comes back at once and the driver
    /// sleeps 150 ms before trying again, and Akka's SQL plugins open every read too (an entity's
    /// recovery) as a write-locking transaction, so thousands of entities starting together spent
    /// most of their time in those sleeps. SQLite's own wait retries within milliseconds.
    /// </summary>
    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What the actor system needs besides <see cref="For"/>: for SQLite, connections that set
    /// <see cref="SqliteBusyTimeout"/> when opened; nothing for PostgreSQL.
    /// </summary>
    public static Setup? ConnectionSetup(JournalTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Provider == JournalProvider.Sqlite ? new DataOptionsSetup(SqliteConnections(target)) : null;
    }

    /// <summary>The connections Akka's SQL plugins open on a SQLite journal (see <see cref="SqliteBusyTimeout"/>).</summary>
    public static DataOptions SqliteConnections(JournalTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new DataOptions()
            .UseConnectionString(target.ProviderName, target.ConnectionString)
            .UseAfterConnectionOpened(SetBusyTimeout, (connection, _) => SetBusyTimeoutAsync(connection));
    }

    // Built once: it runs on every connection the plugins open.
    private static readonly string BusyTimeoutPragma =
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)SqliteBusyTimeout.TotalMilliseconds};");

    private static void SetBusyTimeout(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = BusyTimeoutPragma;
        command.ExecuteNonQuery();
    }

    private static async Task SetBusyTimeoutAsync(DbConnection connection)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = BusyTimeoutPragma;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The plugins' HOCON. On SQLite the journal and snapshot store are <see cref="IndexedSqliteJournal"/> and
    /// <see cref="IndexedSqliteSnapshotStore"/>: one replica owns the file, so a recovery's "no snapshot" and
    /// "highest sequence number" come from one grouped read instead of two queries per entity.
    /// PostgreSQL, shared by several replicas, keeps Akka's plugins.
    /// </summary>
    public static Config For(JournalTarget target)
    {
        var connection = Quote(target.ConnectionString);
        var provider = Quote(target.ProviderName);
        var reset = Seconds(BreakerReset);
        var restart = Seconds(RestartBackoff);
        var sqlite = target.Provider == JournalProvider.Sqlite;
        var writers = sqlite ? 1 : JournalWriters;
        var reads = sqlite ? SqliteReadIsolation : "unspecified";
        var journalClass = Quote(sqlite ? TypeName<IndexedSqliteJournal>() : TypeName<Akka.Persistence.Sql.Journal.SqlWriteJournal>());
        var snapshotClass = Quote(sqlite ? TypeName<IndexedSqliteSnapshotStore>() : TypeName<Akka.Persistence.Sql.Snapshot.SqlSnapshotStore>());
        var hocon = string.Create(CultureInfo.InvariantCulture, $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = {{journalClass}}
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  parallelism = {{writers}}
                  read-isolation-level = {{reads}}
                  # The journal's unique (persistence id, sequence number) key already refuses a second
                  # writer's event, which is what the filter repairs; off, a recovery spawns no filter actor.
                  replay-filter.mode = off
                  circuit-breaker { max-failures = 10, call-timeout = 10s, reset-timeout = {{reset}} }
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = {{snapshotClass}}
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  read-isolation-level = {{reads}}
                  circuit-breaker { max-failures = {{SnapshotBreakerMaxFailures}}, call-timeout = 10s, reset-timeout = {{reset}} }
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
                read-isolation-level = {{reads}}
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

    private static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds}s");

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
