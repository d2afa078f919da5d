namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// How long a coalescing entity lets observations gather before its next decision. A decision over
/// a large world (a CloneSet of thousands of pods reads every pod) costs in proportion to it, and
/// during a scale-out pod events arrive faster than such decisions finish: deciding on each would
/// spend the controller's CPU on decisions that the next event makes stale at once. So the entity
/// waits until <see cref="CostFactor"/> times the last decision's cost has passed since it ended,
/// which keeps it deciding at most about 1/<see cref="CostFactor"/> of the time, and never waits
/// longer than <see cref="MaxDelay"/>. A small world (microseconds a decision) or an idle entity
/// decides at once, as before.
/// </summary>
public static class DecisionPacing
{
    public const int CostFactor = 20;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The wait before the next decision, given the last one's cost and the time since it ended.</summary>
    public static TimeSpan Delay(TimeSpan lastCost, TimeSpan sinceLastEnded)
    {
        var due = lastCost * CostFactor;
        if (due > MaxDelay)
            due = MaxDelay;
        var wait = due - sinceLastEnded;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
