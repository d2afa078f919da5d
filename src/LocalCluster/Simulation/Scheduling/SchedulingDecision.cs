namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>What the planner decided for one pod.</summary>
public abstract record SchedulingDecision
{
    /// <summary>Bind the pod to <paramref name="Node"/>; <paramref name="Feasible"/> nodes passed every filter.</summary>
    public sealed record Assign(string Node, int Feasible) : SchedulingDecision;

    /// <summary>
    /// No node fits. <paramref name="Message"/> is the PodScheduled condition's and the
    /// FailedScheduling event's text; <paramref name="Reasons"/> counts nodes per reason.
    /// </summary>
    public sealed record Unschedulable(string Message, IReadOnlyDictionary<string, int> Reasons) : SchedulingDecision;

    /// <summary>Not the scheduler's to place (already on a node, gated, terminal, being deleted).</summary>
    public sealed record Skip(string Why) : SchedulingDecision;
}
