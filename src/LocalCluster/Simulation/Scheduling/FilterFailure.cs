namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// Why a node was filtered out: the reasons kube-scheduler's plugin gave, and whether evicting
/// pods could ever help (false for UnschedulableAndUnresolvable: taints, selectors, affinity).
/// </summary>
public sealed record FilterFailure(IReadOnlyList<string> Reasons, bool Resolvable)
{
    public static FilterFailure Unresolvable(string reason) => new([reason], false);

    public static FilterFailure Preemptible(string reason) => new([reason], true);
}

/// <summary>The reasons kube-scheduler reports, word for word.</summary>
public static class FilterReasons
{
    public const string NodeUnschedulable = "node(s) were unschedulable";
    public const string NodeAffinity = "node(s) didn't match Pod's node affinity/selector";
    public const string TooManyPods = "Too many pods";
    public const string SpreadConstraints = "node(s) didn't match pod topology spread constraints";
    public const string SpreadMissingLabel = "node(s) didn't match pod topology spread constraints (missing required label)";
    public const string ExistingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules";
    public const string Affinity = "node(s) didn't match pod affinity rules";
    public const string AntiAffinity = "node(s) didn't match pod anti-affinity rules";
    public const string NoNodes = "no nodes available to schedule pods";
    public const string PreemptionNotHelpful = "Preemption is not helpful for scheduling";
    public const string NoPreemptionVictims = "No preemption victims found for incoming pod";

    public static string UntoleratedTaint(Taint taint) => $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";

    public static string Insufficient(string resource) => $"Insufficient {resource}";
}
