using System.Collections.Immutable;

namespace Kruise.Actors.Planning.IpSlots;

/// <summary>
/// A workload's IP slots, built by folding <see cref="IpSlotFact"/>s (pure; the workload persists
/// the facts inside its own events and keeps the book in its state and snapshots).
/// </summary>
public sealed record IpSlotBook
{
    public static IpSlotBook Empty { get; } = new();

    /// <summary>Slots by id, in ordinal order (also after a snapshot is read back).</summary>
    public ImmutableSortedDictionary<string, IpSlot> Slots
    {
        get;
        init => field = value.WithComparers(StringComparer.Ordinal);
    } = ImmutableSortedDictionary<string, IpSlot>.Empty.WithComparers(StringComparer.Ordinal);

    public IpSlot? Find(string id) => Slots.GetValueOrDefault(id);

    /// <summary>The slot the pod holds or was created for.</summary>
    public IpSlot? HeldBy(string pod) => Slots.Values.FirstOrDefault(s => s.Holder == pod);

    public IpSlot? WithIp(string ip) => Slots.Values.FirstOrDefault(s => s.Ip == ip);

    public IpSlotBook Apply(IpSlotFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var slot = Find(fact.Slot);
        if (fact.Kind == IpSlotFactKind.Bound)
        {
            return Set(new IpSlot(fact.Slot) { Ip = fact.Ip ?? slot?.Ip ?? fact.Slot, Holder = fact.Pod, HolderUid = fact.PodUid ?? "" });
        }
        if (slot is null)
            return this;
        return fact.Kind switch
        {
            IpSlotFactKind.Assigned => Set(new IpSlot(slot.Id) { Ip = slot.Ip, Holder = fact.Pod }),
            IpSlotFactKind.Vacated => Set(new IpSlot(slot.Id) { Ip = slot.Ip, VacantSince = fact.At }),
            IpSlotFactKind.Released => Set(new IpSlot(slot.Id) { Ip = slot.Ip, ReleasedAt = fact.At, HeldUntil = fact.Until ?? fact.At }),
            IpSlotFactKind.Dropped => this with { Slots = Slots.Remove(slot.Id) },
            IpSlotFactKind.Waiting => Set(slot with { WaitReportedFor = fact.Pod }),
            _ => this,
        };
    }

    public IpSlotBook ApplyAll(IEnumerable<IpSlotFact> facts) => facts.Aggregate(this, (book, fact) => book.Apply(fact));

    // Slots compare by content, so a book read back from a snapshot equals the one written.
    public bool Equals(IpSlotBook? other) => other is not null && Slots.Count == other.Slots.Count && Slots.SequenceEqual(other.Slots);

    public override int GetHashCode() => Slots.Count;

    private IpSlotBook Set(IpSlot slot) => this with { Slots = Slots.SetItem(slot.Id, slot) };
}
