namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// Score plugin weights: kube-scheduler's defaults, plus this project's default spreading of a
/// controller's pods, weighted above least-allocated so an emptier node never draws a whole
/// workload onto itself.
/// </summary>
public static class ScoreWeights
{
    public const int TaintToleration = 3;
    public const int NodeAffinity = 2;
    public const int PodTopologySpread = 2;
    public const int InterPodAffinity = 2;
    public const int LeastAllocated = 1;
    public const int BalancedAllocation = 1;
    public const int DefaultSpreading = 3;

    public const int MaxNodeScore = 100;
}
