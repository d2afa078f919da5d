namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// The filters that look at one node alone, in kube-scheduler's plugin order: NodeUnschedulable,
/// TaintToleration, NodeAffinity (nodeSelector and required node affinity), NodeResourcesFit.
/// The first that fails decides the node's reasons, as the framework stops at the first failure.
/// </summary>
public static class NodeFilters
{
    private static readonly Taint UnschedulableTaint = new(WellKnownTaints.Unschedulable, "", TaintEffects.NoSchedule);

    public static FilterFailure? Check(PodFacts pod, NodeState node)
    {
        var facts = node.Facts!;
        if (facts.Unschedulable && !Tolerations.Tolerate(pod.Tolerations, UnschedulableTaint))
            return FilterFailure.Unresolvable(FilterReasons.NodeUnschedulable);
        if (Tolerations.FirstUntolerated(facts.Taints, pod.Tolerations) is { } taint)
            return FilterFailure.Unresolvable(FilterReasons.UntoleratedTaint(taint));
        if (!MatchesNodeAffinity(pod, facts))
            return FilterFailure.Unresolvable(FilterReasons.NodeAffinity);
        return Fits(pod, node);
    }

    /// <summary>nodeSelector and required node affinity, both.</summary>
    public static bool MatchesNodeAffinity(PodFacts pod, NodeFacts node) =>
        NodeSelectorMatching.MatchesNodeSelector(pod.NodeSelector, node) && NodeSelectorMatching.Matches(pod.RequiredNodeAffinity, node);

    /// <summary>NodeResourcesFit: every shortfall is a reason, pod count first.</summary>
    public static FilterFailure? Fits(PodFacts pod, NodeState node)
    {
        var facts = node.Facts!;
        List<string>? reasons = null;
        if (node.PodCount + 1 > facts.AllowedPods)
            (reasons ??= []).Add(FilterReasons.TooManyPods);
        var requests = pod.Requests;
        if (requests.IsZero)
            return reasons is null ? null : new FilterFailure(reasons, true);
        var allocatable = facts.Allocatable;
        var used = node.Requested;
        if (requests.MilliCpu > 0 && requests.MilliCpu > allocatable.MilliCpu - used.MilliCpu)
            (reasons ??= []).Add(FilterReasons.Insufficient(ResourceNames.Cpu));
        if (requests.Memory > 0 && requests.Memory > allocatable.Memory - used.Memory)
            (reasons ??= []).Add(FilterReasons.Insufficient(ResourceNames.Memory));
        if (requests.EphemeralStorage > 0 && requests.EphemeralStorage > allocatable.EphemeralStorage - used.EphemeralStorage)
            (reasons ??= []).Add(FilterReasons.Insufficient(ResourceNames.EphemeralStorage));
        if (requests.Scalars.Count > 0)
        {
            foreach (var (name, amount) in requests.Scalars)
            {
                if (amount > 0 && amount > allocatable.Scalar(name) - used.Scalar(name))
                    (reasons ??= []).Add(FilterReasons.Insufficient(name));
            }
        }
        return reasons is null ? null : new FilterFailure(reasons, true);
    }
}
