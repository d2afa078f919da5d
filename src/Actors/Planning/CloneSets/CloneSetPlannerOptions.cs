using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>Timing knobs of the CloneSet planner; the defaults suit a real cluster.</summary>
public sealed record CloneSetPlannerOptions
{
    public static CloneSetPlannerOptions Default { get; } = new();

    /// <summary>How long an intent may go unobserved before its command is sent again.</summary>
    public TimeSpan IntentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends of one intent before it is given up (so a name taken by a foreign object cannot block scaling forever).</summary>
    public int MaxIntentAttempts { get; init; } = 5;

    /// <summary>
    /// How soon an in-place update the pod does not yet show accepted is sent again. Much shorter
    /// than <see cref="IntentTimeout"/>: the request goes to a pod entity, possibly on another
    /// replica, and is lost when that replica dies before the entity persisted it (messages to a
    /// shard whose replica is unreachable go nowhere until the replica is downed and the shard
    /// moves). A repeat is a no-op at the pod entity (same pod uid and revision), so re-sending
    /// early costs one journal event here and nothing there; waiting 30 s would stall the rollout
    /// that long after every failover. Once the pod shows InPlaceUpdateReady=False the pod entity
    /// has persisted the request and carries it through restarts itself, so the long timeout applies.
    /// </summary>
    public TimeSpan InPlaceResendInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends of one in-place update before it is given up: as many as fit in the time other
    /// intents get (<see cref="MaxIntentAttempts"/> x <see cref="IntentTimeout"/>) at the
    /// in-place interval, so the quicker re-sends do not give an update up sooner.
    /// </summary>
    public int MaxInPlaceAttempts => InPlaceResendInterval <= TimeSpan.Zero
        ? MaxIntentAttempts
        : Math.Max(MaxIntentAttempts, (int)Math.Ceiling(MaxIntentAttempts * IntentTimeout / InPlaceResendInterval));

    /// <summary>Wait after the first refused write; doubles with each further refusal.</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxFailureBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A status that differs only in its pod counts while pods are still changing is written at
    /// most once per this much time per replica, up to <see cref="MaxStatusCountsInterval"/>: a
    /// 5-pod CloneSet writes its progress almost at once, a 1,000-pod rollout every 10 s instead of
    /// after every watch round trip. Any other change (generation, revisions, conditions) and the
    /// settled counts are written at once.
    /// </summary>
    public TimeSpan StatusCountsIntervalPerReplica { get; init; } = TimeSpan.FromMilliseconds(10);

    public TimeSpan MaxStatusCountsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a CloneSet of <paramref name="replicas"/> holds a status whose counts are still on their way.</summary>
    public TimeSpan StatusCountsInterval(int replicas) =>
        TimeSpan.FromTicks(Math.Min(MaxStatusCountsInterval.Ticks, StatusCountsIntervalPerReplica.Ticks * Math.Max(0, replicas)));

    /// <summary>Keeping pod IPs across recreation, for CloneSets annotated kruise-actors.io/retain-pod-ip: "true".</summary>
    public RetainIpSettings RetainIp { get; init; } = RetainIpSettings.Default;
}
