using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// A shard that gives up waiting for its remembered entity ids stops and drops every message it
/// held: it must wait longer than a loaded PostgreSQL takes to replay them (over 10 s was seen).
/// </summary>
public sealed class ClusterConfigTests
{
    [Fact]
    public void A_starting_shard_waits_longer_for_its_remembered_entities_than_a_busy_journal_takes()
    {
        var postgres = JournalTarget.Postgres("Host=127.0.0.1;Port=5432;Username=kruise;Database=kruise");
        var config = ClusterConfig.For(new RuntimeOptions { Journal = postgres })
            .WithFallback(PersistenceConfig.For(postgres))
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig());

        var settings = ClusterShardingSettings.Create(config.GetConfig("akka.cluster.sharding"), config.GetConfig("akka.cluster.singleton"));

        Assert.True(settings.RememberEntities);
        Assert.True(settings.TuningParameters.WaitingForStateTimeout >= TimeSpan.FromSeconds(15), $"waits {settings.TuningParameters.WaitingForStateTimeout}");
    }
}
