namespace Kruise.Actors.Planning.CloneSets;

/// <summary>Timing knobs of the CloneSet planner; the defaults suit a real cluster.</summary>
public sealed record CloneSetPlannerOptions
{
    public static CloneSetPlannerOptions Default { get; } = new();

    /// <summary>How long an intent may go unobserved before its command is sent again.</summary>
    public TimeSpan IntentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends of one intent before it is given up (so a name taken by a foreign object cannot block scaling forever).</summary>
    public int MaxIntentAttempts { get; init; } = 5;

    /// <summary>Wait after the first refused write; doubles with each further refusal.</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxFailureBackoff { get; init; } = TimeSpan.FromMinutes(5);
}
