namespace Kruise.Actors.Planning.IpSlots;

/// <summary>
/// One replica's IP: the address it was given and the pod that holds it (or is created to get it).
/// A slot is held (holder seen with the IP), pending (holder assigned, not yet seen with it),
/// vacant (holder gone, replacement not yet assigned) or released (not needed; dropped after the hold).
/// </summary>
/// <param name="Id">Stable key: the workload's choice (a CloneSet uses the first IP, a StatefulSet could use the ordinal).</param>
public sealed record IpSlot(string Id)
{
    public string? Ip { get; init; }

    /// <summary>The pod that holds the IP or is created to request it; null while vacant or released.</summary>
    public string? Holder { get; init; }

    /// <summary>The holder's uid once it was seen with the IP; null while the holder is pending.</summary>
    public string? HolderUid { get; init; }

    public DateTimeOffset? VacantSince { get; init; }

    public DateTimeOffset? ReleasedAt { get; init; }

    public DateTimeOffset? HeldUntil { get; init; }

    /// <summary>The pending holder a Waiting report was made for (one report per pod).</summary>
    public string? WaitReportedFor { get; init; }

    public bool IsHeld => Holder is not null && HolderUid is not null;
    public bool IsPending => Holder is not null && HolderUid is null;
    public bool IsVacant => Holder is null && ReleasedAt is null;
    public bool IsReleased => ReleasedAt is not null;

    /// <summary>How kubectl users see the slot (the value in the workload's retained-IPs annotation).</summary>
    public string Display() => this switch
    {
        { IsHeld: true } => Holder!,
        { IsPending: true } => WaitReportedFor == Holder ? $"{Holder} (waiting for the IP)" : $"{Holder} (starting)",
        { IsReleased: true } => $"released, held until {HeldUntil?.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}",
        _ => "vacant, kept for the replacement pod",
    };
}
