using Kruise.Actors.LocalCluster.Controllers;

namespace Kruise.Actors.LocalCluster.Simulation;

/// <summary>
/// One part of the simulation (node heartbeats, node lifecycle; the scheduler, kubelet and CNI
/// next): it learns from the shared change feed and writes through the API from its own workers.
/// </summary>
internal interface ISimulationPart : IFeedHandler
{
    /// <summary>Start the workers; the feed starts after every part has, beginning with the existing objects.</summary>
    void Start();

    /// <summary>Wait for the workers to finish once the simulation's stopping token is cancelled.</summary>
    Task Stop();
}
