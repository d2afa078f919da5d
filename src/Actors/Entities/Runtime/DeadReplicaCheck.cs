namespace Kruise.Actors.Entities.Runtime;

/// <summary>What one attempt to open a TCP connection to a replica's cluster port found.</summary>
public enum PortProbe
{
    /// <summary>The connection was accepted: something listens there, however slow it is to answer heartbeats.</summary>
    Accepted,

    /// <summary>Refused (a TCP reset): no process listens on that port of that address any more.</summary>
    Refused,

    /// <summary>No answer in time, or no route or name: a lost network, not a verdict on the process.</summary>
    NoAnswer,
}

/// <summary>What to do next about a replica whose connection broke.</summary>
public enum ReplicaVerdict
{
    ProbeAgain,

    /// <summary>Its process is gone: down it now instead of waiting for the failure detector and the split-brain resolver.</summary>
    Dead,

    /// <summary>It listens: leave it alone (a pause or a blip is the failure detector's business).</summary>
    Alive,

    /// <summary>No verdict within the time allowed: leave it to the failure detector and the split-brain resolver.</summary>
    Undecided,
}

/// <summary>How a replica whose connection broke is probed.</summary>
public sealed record DeadReplicaCheckOptions
{
    /// <summary>Refusals in a row that prove the process gone.</summary>
    public int RefusalsNeeded { get; init; } = 3;

    /// <summary>The least time those refusals must span, so one instant (a port being re-bound) is not taken for a death.</summary>
    public TimeSpan RefusalsSpan { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Between attempts.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one connection attempt may take before it counts as <see cref="PortProbe.NoAnswer"/>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After this long without a verdict the probing stops (the failure detector decides).</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Whether a replica whose connection broke is dead, from connection attempts to its cluster port.
/// A process killed (kill -9, OOM, a crash) leaves a port that refuses connections at once, while a
/// process that is only slow (GC, a loaded machine) still has its listening socket accept them in
/// the kernel: a refusal is proof of death that no load can fake, unlike missed heartbeats. A
/// network that drops packets gives no answer, which proves nothing, so that case stays with the
/// failure detector. (A network policy that rejects with TCP resets would fake a refusal; such a
/// cluster must turn this off.)
/// </summary>
public static class DeadReplicaCheck
{
    /// <summary>The verdict on the attempts so far (oldest first) of a check that began at <paramref name="startedAt"/>.</summary>
    public static ReplicaVerdict Judge(IReadOnlyList<(DateTimeOffset At, PortProbe Result)> attempts, DateTimeOffset startedAt, DateTimeOffset now, DeadReplicaCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(options);
        if (attempts.Count > 0 && attempts[^1].Result == PortProbe.Accepted)
            return ReplicaVerdict.Alive;
        var refusals = 0;
        DateTimeOffset? firstRefusal = null;
        for (var i = attempts.Count - 1; i >= 0 && attempts[i].Result == PortProbe.Refused; i--)
        {
            refusals++;
            firstRefusal = attempts[i].At;
        }
        if (refusals >= options.RefusalsNeeded && firstRefusal is { } first && attempts[^1].At - first >= options.RefusalsSpan)
            return ReplicaVerdict.Dead;
        return now - startedAt >= options.GiveUpAfter ? ReplicaVerdict.Undecided : ReplicaVerdict.ProbeAgain;
    }
}
