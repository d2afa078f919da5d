using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>How one controller replica runs: its journal, its place in the Akka cluster, its limits.</summary>
public sealed record RuntimeOptions
{
    public required JournalTarget Journal { get; init; }

    /// <summary>The address other replicas reach this one at (pod IP or DNS name in a cluster).</summary>
    public string ClusterHost { get; init; } = "127.0.0.1";

    /// <summary>Akka remoting port; 0 picks a free one (fine for a single replica).</summary>
    public int ClusterPort { get; init; }

    /// <summary>Seed replicas as HOST:PORT; empty: this replica forms a cluster of its own.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>
    /// How long cluster membership must be unchanged before the split-brain resolver downs
    /// unreachable replicas. Short, so a crashed replica's entities move within seconds; long
    /// enough that a replica pausing a few seconds more than the failure detector allows is not
    /// taken for dead at once.
    /// </summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>After a replica is downed, how long before its shards and singletons start on the others.</summary>
    public TimeSpan DownRemovalMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Probing the cluster port of a replica whose connection broke, to down it at once if its process
    /// is gone (<see cref="DeadReplicaProbe"/>); null: only the failure detector and the split-brain resolver.
    /// </summary>
    public DeadReplicaCheckOptions? DeadReplicaCheck { get; init; } = new();

    public int SnapshotEvery { get; init; } = 100;

    public int Shards { get; init; } = 100;

    public GatewayOptions Gateway { get; init; } = new();

    public WatchOptions Watch { get; init; } = new();

    /// <summary>When the watchers re-deliver workload objects to their entities unasked (lost deliveries repaired).</summary>
    public ResyncOptions Resync { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string SystemName { get; init; } = "kruise-actors";

    /// <summary>Akka log level: DEBUG, INFO, WARNING, ERROR.</summary>
    public string LogLevel { get; init; } = "INFO";
}
