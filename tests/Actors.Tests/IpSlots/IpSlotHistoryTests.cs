using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Tests.IpSlots;

public sealed class IpSlotHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_ip_lists_its_pods_in_turn_then_its_release()
    {
        (DateTimeOffset, IpSlotFact)[] facts =
        [
            (T0, new IpSlotFact(IpSlotFactKind.Bound, "10.244.1.5", T0, "10.244.1.5", "web-aaaaa", "u1")),
            (T0, new IpSlotFact(IpSlotFactKind.Bound, "10.244.2.7", T0, "10.244.2.7", "web-bbbbb", "u2")),
            (T0.AddMinutes(1), new IpSlotFact(IpSlotFactKind.Vacated, "10.244.1.5", T0, Pod: "web-aaaaa")),
            (T0.AddMinutes(1), new IpSlotFact(IpSlotFactKind.Assigned, "10.244.1.5", T0, Pod: "web-ccccc")),
            (T0.AddMinutes(1), new IpSlotFact(IpSlotFactKind.Waiting, "10.244.1.5", T0, Pod: "web-ccccc", Message: "held")),
            (T0.AddMinutes(2), new IpSlotFact(IpSlotFactKind.Bound, "10.244.1.5", T0, "10.244.1.5", "web-ccccc", "u3")),
            (T0.AddMinutes(2), new IpSlotFact(IpSlotFactKind.Bound, "10.244.1.5", T0, "10.244.1.5", "web-ccccc", "u3")),
            (T0.AddMinutes(3), new IpSlotFact(IpSlotFactKind.Released, "10.244.2.7", T0, Until: T0.AddMinutes(8))),
            (T0.AddMinutes(8), new IpSlotFact(IpSlotFactKind.Dropped, "10.244.2.7", T0)),
            (T0.AddMinutes(9), new IpSlotFact(IpSlotFactKind.Bound, "10.244.3.1", T0, "10.244.3.9", "web-ddddd", "u4")),
        ];

        Assert.Equal(
        [
            "10.244.1.5  web-aaaaa 12:00:00 -> web-ccccc 12:02:00",
            "10.244.2.7  web-bbbbb 12:00:00 -> released 12:03:00 -> dropped 12:08:00",
            "10.244.3.1  web-ddddd (got 10.244.3.9 instead) 12:09:00",
        ], IpSlotHistory.Lines(facts));
    }

    [Fact]
    public void No_slot_facts_means_no_history()
    {
        Assert.Empty(IpSlotHistory.Lines([]));
    }
}
