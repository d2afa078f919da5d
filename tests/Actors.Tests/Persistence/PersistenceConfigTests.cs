using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Persistence;
using LinqToDB.Data;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>
/// What a replica's configuration (its cluster settings over <see cref="PersistenceConfig"/>, as
/// ControllerRuntime composes them) makes of a journal outage: how long after the database is back
/// the journal and snapshot store accept calls again, and how soon a failed entity restarts.
/// </summary>
public sealed class PersistenceConfigTests
{
    private static readonly JournalTarget Postgres = JournalTarget.Postgres("Host=127.0.0.1;Port=5432;Username=kruise;Database=kruise");

    private static Config Replica() =>
        ClusterConfig.For(new RuntimeOptions { Journal = Postgres })
            .WithFallback(PersistenceConfig.For(Postgres))
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig());

    [Fact]
    public void An_open_journal_breaker_lets_a_call_through_again_within_seconds_not_half_a_minute()
    {
        var breaker = Replica().GetConfig("akka.persistence.journal.sql").GetConfig("circuit-breaker");

        Assert.Equal(PersistenceConfig.BreakerReset, breaker.GetTimeSpan("reset-timeout", null));
        Assert.True(PersistenceConfig.BreakerReset <= TimeSpan.FromSeconds(5));
        // Still a breaker: it opens after a few failures and a hung call still times out.
        Assert.InRange(breaker.GetInt("max-failures", 0), 1, 10);
        Assert.Equal(TimeSpan.FromSeconds(10), breaker.GetTimeSpan("call-timeout", null));
    }

    [Fact]
    public void The_snapshot_store_breaker_never_opens_so_it_is_never_half_open_and_never_crashes_the_store()
    {
        var breaker = Replica().GetConfig("akka.persistence.snapshot-store.sql").GetConfig("circuit-breaker");

        Assert.Equal(PersistenceConfig.SnapshotBreakerMaxFailures, breaker.GetInt("max-failures", 0));
        Assert.True(PersistenceConfig.SnapshotBreakerMaxFailures >= 1_000_000);
        Assert.Equal(TimeSpan.FromSeconds(10), breaker.GetTimeSpan("call-timeout", null));
    }

    [Fact]
    public void Sharding_restarts_an_entity_or_shard_stopped_by_a_journal_failure_after_seconds_not_ten()
    {
        var config = Replica();
        var settings = ClusterShardingSettings.Create(config.GetConfig("akka.cluster.sharding"), config.GetConfig("akka.cluster.singleton"));

        Assert.True(settings.RememberEntities, "entities of a replica are remembered, so a stopped one is restarted at all");
        // ClusterConfig may tune them shorter still (failover); never back to Akka's 10 s.
        Assert.InRange(settings.TuningParameters.EntityRestartBackoff, TimeSpan.FromMilliseconds(100), PersistenceConfig.RestartBackoff);
        Assert.InRange(settings.TuningParameters.ShardFailureBackoff, TimeSpan.FromMilliseconds(100), PersistenceConfig.RestartBackoff);
        Assert.True(PersistenceConfig.RestartBackoff <= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_SQLite_journal_gets_the_same_breakers()
    {
        var config = PersistenceConfig.For(JournalTarget.Sqlite(Path.Combine(Path.GetTempPath(), "kruise-config-test.db")));

        Assert.Equal(PersistenceConfig.BreakerReset, config.GetTimeSpan("akka.persistence.journal.sql.circuit-breaker.reset-timeout", null));
        Assert.Equal(PersistenceConfig.SnapshotBreakerMaxFailures, config.GetInt("akka.persistence.snapshot-store.sql.circuit-breaker.max-failures", 0));
    }

    [Fact]
    public void SQLite_gets_one_journal_writer_and_lock_free_reads_since_it_lets_one_writer_in_at_a_time()
    {
        var sqlite = PersistenceConfig.For(JournalTarget.Sqlite(Path.Combine(Path.GetTempPath(), "kruise-config-test.db")));

        Assert.Equal(1, sqlite.GetInt("akka.persistence.journal.sql.parallelism", 0));
        // Reads take no write lock on SQLite (a deferred BEGIN); PostgreSQL keeps its default.
        foreach (var plugin in new[] { "journal.sql", "snapshot-store.sql", "query.journal.sql" })
        {
            Assert.Equal(PersistenceConfig.SqliteReadIsolation, sqlite.GetString($"akka.persistence.{plugin}.read-isolation-level"));
            Assert.Equal("unspecified", Replica().GetString($"akka.persistence.{plugin}.read-isolation-level"));
        }
        Assert.Equal(PersistenceConfig.JournalWriters, Replica().GetInt("akka.persistence.journal.sql.parallelism", 0));
        Assert.True(PersistenceConfig.JournalWriters > 1);
    }

    [Fact]
    public void Only_SQLite_whose_file_one_replica_owns_answers_recoveries_from_its_index()
    {
        var sqlite = PersistenceConfig.For(JournalTarget.Sqlite(Path.Combine(Path.GetTempPath(), "kruise-config-test.db")));
        var postgres = Replica();

        Assert.Equal(typeof(IndexedSqliteJournal), Type.GetType(sqlite.GetString("akka.persistence.journal.sql.class"), throwOnError: true));
        Assert.Equal(typeof(IndexedSqliteSnapshotStore), Type.GetType(sqlite.GetString("akka.persistence.snapshot-store.sql.class"), throwOnError: true));
        // Several replicas write to PostgreSQL: another one's events would not be in this one's index.
        Assert.Equal(typeof(Akka.Persistence.Sql.Journal.SqlWriteJournal), Type.GetType(postgres.GetString("akka.persistence.journal.sql.class"), throwOnError: true));
        Assert.Equal(typeof(Akka.Persistence.Sql.Snapshot.SqlSnapshotStore), Type.GetType(postgres.GetString("akka.persistence.snapshot-store.sql.class"), throwOnError: true));
        foreach (var config in new[] { sqlite, postgres })
            Assert.Equal("off", config.GetString("akka.persistence.journal.sql.replay-filter.mode"));
    }

    [Fact]
    public async Task SQLite_connections_wait_inside_SQLite_for_a_busy_database_instead_of_failing_at_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kruise-busy-" + Guid.NewGuid().ToString("N")[..8]);
        var target = JournalTarget.Sqlite(Path.Combine(folder, "journal.db"));
        target.Prepare();
        try
        {
            var options = PersistenceConfig.SqliteConnections(target);
            var expected = (long)PersistenceConfig.SqliteBusyTimeout.TotalMilliseconds;

            using (var connection = new DataConnection(options))
                Assert.Equal(expected, connection.Execute<long>("PRAGMA busy_timeout"));
            await using (var connection = new DataConnection(options))
                Assert.Equal(expected, await connection.ExecuteAsync<long>("PRAGMA busy_timeout"));
            Assert.NotNull(PersistenceConfig.ConnectionSetup(target));
            Assert.Null(PersistenceConfig.ConnectionSetup(Postgres));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
