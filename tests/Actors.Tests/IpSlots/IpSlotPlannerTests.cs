using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Tests.IpSlots;

public sealed class IpSlotPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetainIpSettings Settings = new() { HoldTime = TimeSpan.FromSeconds(60), WaitBeforeWarning = TimeSpan.FromSeconds(10) };

    // A pod: "name" (live, no IP), "name=ip" (live with IP); prefix "-" = not live (deleting/finished), suffix "@" = not on a node.
    private static SlotPod Pod(string spec, DateTimeOffset? createdAt = null)
    {
        var live = !spec.StartsWith('-');
        spec = spec.TrimStart('-');
        var onNode = !spec.EndsWith('@');
        spec = spec.TrimEnd('@');
        var parts = spec.Split('=');
        return new SlotPod(parts[0], "uid-" + parts[0], parts.Length > 1 ? parts[1] : null, live, onNode, createdAt ?? T0);
    }

    private static IpSlotBook Held(params string[] podEqualsIp) =>
        IpSlotBook.Empty.ApplyAll(podEqualsIp.Select(p => p.Split('=')).Select(p => new IpSlotFact(IpSlotFactKind.Bound, p[1], T0, p[1], p[0], "uid-" + p[0])));

    private static SlotPlan Reconcile(IpSlotBook book, int replicas, string[] pods, string[]? pendingCreates = null, DateTimeOffset? now = null) =>
        IpSlotPlanner.Reconcile(book, pods.Select(p => Pod(p)).ToList(), pendingCreates ?? [], replicas, Settings, now ?? T0);

    private static string Show(SlotPlan plan) => string.Join("; ", plan.Facts.Select(f => $"{f.Kind} {f.Slot}{(f.Pod is null ? "" : " " + f.Pod)}"));

    public static TheoryData<string, string[], int, string[], string[], string> Cases => new()
    {
        // name, slots held (pod=ip), replicas, pods, pending creates, expected facts
        { "a new pod's IP is remembered", [], 1, ["a=10.0.0.1"], [], "Bound 10.0.0.1 a" },
        { "a pod without an IP has no slot yet", [], 1, ["a"], [], "" },
        { "a held slot stays as it is", ["a=10.0.0.1"], 1, ["a=10.0.0.1"], [], "" },
        { "an evicted pod's slot waits for its replacement", ["a=10.0.0.1", "b=10.0.0.2"], 2, ["-a=10.0.0.1", "b=10.0.0.2"], [], "Vacated 10.0.0.1 a" },
        { "a deleted pod's slot waits for its replacement", ["a=10.0.0.1", "b=10.0.0.2"], 2, ["b=10.0.0.2"], [], "Vacated 10.0.0.1 a" },
        { "scale-down releases the slot", ["a=10.0.0.1", "b=10.0.0.2"], 1, ["-a=10.0.0.1", "b=10.0.0.2"], [], "Vacated 10.0.0.1 a; Released 10.0.0.1" },
        { "scale to zero releases every slot", ["a=10.0.0.1", "b=10.0.0.2"], 0, [], [], "Vacated 10.0.0.1 a; Vacated 10.0.0.2 b; Released 10.0.0.1; Released 10.0.0.2" },
        { "a surge pod already replaces the deleted one", ["a=10.0.0.1", "b=10.0.0.2"], 2, ["-a=10.0.0.1", "b=10.0.0.2", "c"], [], "Vacated 10.0.0.1 a; Released 10.0.0.1" },
        { "a pending create counts as a replica", ["a=10.0.0.1", "b=10.0.0.2"], 2, ["-a=10.0.0.1", "b=10.0.0.2"], ["c"], "Vacated 10.0.0.1 a; Released 10.0.0.1" },
        { "the only pod deleted keeps its slot for its replacement", ["a=10.0.0.1"], 1, [], [], "Vacated 10.0.0.1 a" },
        { "the first pod seen with an IP keeps it", [], 2, ["a=10.0.0.1", "b=10.0.0.1"], [], "Bound 10.0.0.1 a" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Slots_follow_the_pods(string name, string[] held, int replicas, string[] pods, string[] pending, string expected)
    {
        var plan = Reconcile(Held(held), replicas, pods, pending);

        Assert.True(expected == Show(plan), $"{name}: expected [{expected}], got [{Show(plan)}]");
    }

    [Fact]
    public void A_pod_of_the_same_name_but_another_uid_is_not_the_holder()
    {
        var book = Held("a=10.0.0.1");
        var pods = new List<SlotPod> { Pod("a=10.0.0.9") with { Uid = "other" } };

        var plan = IpSlotPlanner.Reconcile(book, pods, [], 1, Settings, T0);

        Assert.Equal("Vacated 10.0.0.1 a; Bound 10.0.0.9 a; Released 10.0.0.1", Show(plan));
    }

    [Fact]
    public void A_released_slot_is_held_for_the_hold_time_then_dropped()
    {
        var book = Held("a=10.0.0.1", "b=10.0.0.2");
        var released = Reconcile(book, 1, ["b=10.0.0.2"]);
        book = book.ApplyAll(released.Facts);

        Assert.Equal(T0 + Settings.HoldTime, book.Find("10.0.0.1")!.HeldUntil);
        var during = Reconcile(book, 1, ["b=10.0.0.2"], now: T0 + TimeSpan.FromSeconds(59));
        Assert.Empty(during.Facts);
        Assert.Equal(T0 + Settings.HoldTime, during.WakeAt);

        var after = Reconcile(book, 1, ["b=10.0.0.2"], now: T0 + Settings.HoldTime);
        Assert.Equal("Dropped 10.0.0.1", Show(after));
        Assert.Null(book.ApplyAll(after.Facts).Find("10.0.0.1"));
    }

    [Fact]
    public void A_released_slot_is_not_given_to_new_pods()
    {
        var book = Held("a=10.0.0.1", "b=10.0.0.2");
        book = book.ApplyAll(Reconcile(book, 1, ["b=10.0.0.2"]).Facts);
        book = book.ApplyAll(Reconcile(book, 2, ["b=10.0.0.2"]).Facts);

        Assert.Empty(IpSlotPlanner.AssignVacant(book, ["c"], T0));
        Assert.True(book.Find("10.0.0.1")!.IsReleased);
    }

    [Fact]
    public void Vacant_slots_go_to_new_pods_longest_vacant_first_and_extra_pods_get_none()
    {
        var book = Held("a=10.0.0.1", "b=10.0.0.2", "c=10.0.0.3")
            .Apply(new IpSlotFact(IpSlotFactKind.Vacated, "10.0.0.3", T0, Pod: "c"))
            .Apply(new IpSlotFact(IpSlotFactKind.Vacated, "10.0.0.1", T0.AddSeconds(5), Pod: "a"));

        var facts = IpSlotPlanner.AssignVacant(book, ["x", "y", "z"], T0.AddSeconds(9));

        Assert.Equal(["10.0.0.3 x", "10.0.0.1 y"], facts.Select(f => $"{f.Slot} {f.Pod}"));
        Assert.All(facts, f => Assert.Equal(IpSlotFactKind.Assigned, f.Kind));
        book = book.ApplyAll(facts);
        Assert.True(book.HeldBy("x")!.IsPending);
        Assert.Equal("10.0.0.3", book.HeldBy("x")!.Ip);
    }

    [Fact]
    public void A_replacement_seen_with_its_requested_ip_holds_the_slot()
    {
        var book = Assigned();

        var plan = Reconcile(book, 2, ["x=10.0.0.1", "b=10.0.0.2"]);

        var bound = Assert.Single(plan.Facts);
        Assert.Equal(new IpSlotFact(IpSlotFactKind.Bound, "10.0.0.1", T0, "10.0.0.1", "x", "uid-x"), bound);
        Assert.True(book.Apply(bound).HeldBy("x")!.IsHeld);
    }

    [Fact]
    public void A_replacement_given_another_ip_moves_the_slot_and_says_why()
    {
        var plan = Reconcile(Assigned(), 2, ["x=10.0.0.7", "b=10.0.0.2"]);

        var bound = Assert.Single(plan.Facts);
        Assert.Equal(("10.0.0.1", "10.0.0.7"), (bound.Slot, bound.Ip));
        Assert.Contains("requested 10.0.0.1 but the network gave it 10.0.0.7", bound.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_not_yet_seen_keeps_its_slot()
    {
        Assert.Empty(Reconcile(Assigned(), 2, ["b=10.0.0.2"], pendingCreates: ["x"]).Facts);
    }

    [Fact]
    public void A_replacement_whose_create_was_given_up_frees_the_slot_for_the_next_one()
    {
        var book = Assigned();
        book = book.ApplyAll(Reconcile(book, 2, ["b=10.0.0.2"]).Facts);

        Assert.True(book.Find("10.0.0.1")!.IsVacant);
        Assert.Equal("10.0.0.1", Assert.Single(IpSlotPlanner.AssignVacant(book, ["y"], T0)).Slot);
    }

    [Fact]
    public void A_replacement_waiting_for_its_ip_is_reported_once_after_the_wait_naming_who_holds_it()
    {
        var book = Assigned();
        var pods = new[] { "-a=10.0.0.1", "x", "b=10.0.0.2" };

        var early = Reconcile(book, 2, pods, now: T0.AddSeconds(9));
        Assert.Empty(early.Facts);
        Assert.Equal(T0 + Settings.WaitBeforeWarning, early.WakeAt);

        var late = Reconcile(book, 2, pods, now: T0.AddSeconds(10));
        var waiting = Assert.Single(late.Facts);
        Assert.Equal((IpSlotFactKind.Waiting, "x"), (waiting.Kind, waiting.Pod));
        Assert.Contains("pod a still holds it while it terminates", waiting.Message, StringComparison.Ordinal);

        book = book.ApplyAll(late.Facts);
        Assert.Empty(Reconcile(book, 2, pods, now: T0.AddSeconds(30)).Facts);
        Assert.Equal("x (waiting for the IP)", book.HeldBy("x")!.Display());
    }

    [Fact]
    public void A_replacement_not_on_a_node_yet_is_not_reported()
    {
        Assert.Empty(Reconcile(Assigned(), 2, ["x@", "b=10.0.0.2"], now: T0.AddMinutes(5)).Facts);
    }

    [Fact]
    public void A_replacement_waiting_for_an_ip_nobody_of_ours_holds_says_so()
    {
        var waiting = Assert.Single(Reconcile(Assigned(), 2, ["x", "b=10.0.0.2"], now: T0.AddMinutes(1)).Facts);

        Assert.Contains("the network has not assigned it", waiting.Message, StringComparison.Ordinal);
    }

    // Slot 10.0.0.1 vacated by a, then assigned to the new pod x; b holds 10.0.0.2.
    private static IpSlotBook Assigned() =>
        Held("a=10.0.0.1", "b=10.0.0.2")
            .Apply(new IpSlotFact(IpSlotFactKind.Vacated, "10.0.0.1", T0, Pod: "a"))
            .Apply(new IpSlotFact(IpSlotFactKind.Assigned, "10.0.0.1", T0, Pod: "x"));
}
