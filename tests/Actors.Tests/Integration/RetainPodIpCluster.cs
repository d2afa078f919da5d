using Kruise.Actors.LocalCluster.Simulation;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// The embedded cluster for the retain-pod-ip tests: 3 nodes acting at once, a stopped node taken
/// NotReady within 2 s and its pods evicted 2 s later (tolerationSeconds), so a node failure plays
/// out in seconds.
/// </summary>
public sealed class RetainPodIpClusterFixture : ApiServerFixture
{
    protected override SimulationOptions? Simulation => new()
    {
        LeaseRenewInterval = TimeSpan.FromMilliseconds(100),
        NodeMonitorGracePeriod = TimeSpan.FromSeconds(2),
        NodeMonitorPeriod = TimeSpan.FromMilliseconds(100),
        DefaultTolerationSeconds = 2,
    };
}

[CollectionDefinition(Name)]
public sealed class RetainPodIpClusterTests : ICollectionFixture<RetainPodIpClusterFixture>
{
    public const string Name = "retain pod ip cluster";
}
