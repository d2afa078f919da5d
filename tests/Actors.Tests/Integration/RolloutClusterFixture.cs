using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// The embedded API server with 3 simulated nodes whose scheduler and kubelet act at once: pods
/// are bound, get IPs and turn Running, and an image change restarts the container in place.
/// </summary>
public sealed class RolloutClusterFixture : ApiServerFixture
{
    protected override SimulationOptions? Simulation => new();
}

[CollectionDefinition(Name)]
public sealed class RolloutClusterTests : ICollectionFixture<RolloutClusterFixture>
{
    public const string Name = "rollout cluster";
}
