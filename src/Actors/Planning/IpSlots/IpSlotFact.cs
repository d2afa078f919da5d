using System.Globalization;

namespace Kruise.Actors.Planning.IpSlots;

/// <summary>What happened to an IP slot; workloads persist these inside their own events.</summary>
public enum IpSlotFactKind
{
    /// <summary>A pod was seen holding the slot's IP (a new slot when the slot did not exist).</summary>
    Bound,

    /// <summary>A pod about to be created was given the slot: it is created requesting the slot's IP.</summary>
    Assigned,

    /// <summary>The slot's pod went away (evicted, deleted, recreated): the slot waits for its replacement.</summary>
    Vacated,

    /// <summary>The workload no longer needs the slot (scale-down): its IP is held for the hold time, then dropped.</summary>
    Released,

    /// <summary>The hold ended: the IP goes back to the network's pool.</summary>
    Dropped,

    /// <summary>The slot's new pod is on a node but has not got the IP: reported once per pod.</summary>
    Waiting,
}

/// <summary>
/// One change to an <see cref="IpSlotBook"/>. Carries only what the book needs to fold it:
/// <paramref name="Ip"/> for Bound, <paramref name="Pod"/> for Bound/Assigned/Waiting,
/// <paramref name="PodUid"/> for Bound, <paramref name="Message"/> for Waiting (and for a Bound
/// whose pod got another IP than the one it requested), <paramref name="Until"/> for Released.
/// </summary>
public sealed record IpSlotFact(IpSlotFactKind Kind, string Slot, DateTimeOffset At, string? Ip = null, string? Pod = null, string? PodUid = null,
    string? Message = null, DateTimeOffset? Until = null)
{
    /// <summary>A one-line summary for `kruise-actors events show`.</summary>
    public string Describe() => Kind switch
    {
        IpSlotFactKind.Bound => Message is null ? $"IP {Ip} held by pod {Pod}" : $"IP {Ip} held by pod {Pod} ({Message})",
        IpSlotFactKind.Assigned => $"IP {Slot} requested for new pod {Pod}",
        IpSlotFactKind.Vacated => $"IP {Slot} vacated by pod {Pod}, kept for its replacement",
        IpSlotFactKind.Released => string.Create(CultureInfo.InvariantCulture, $"IP {Slot} released by scale-down, held until {Until?.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"),
        IpSlotFactKind.Dropped => $"IP {Slot} hold ended, returned to the network",
        IpSlotFactKind.Waiting => $"IP {Slot} not yet given to pod {Pod}: {Message}",
        _ => string.Create(CultureInfo.InvariantCulture, $"IP slot {Slot}: {Kind}"),
    };
}
