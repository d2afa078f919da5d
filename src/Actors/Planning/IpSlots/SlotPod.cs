namespace Kruise.Actors.Planning.IpSlots;

/// <summary>A workload pod as the IP slot planner sees it.</summary>
/// <param name="Name">Pod name.</param>
/// <param name="Uid">Pod uid.</param>
/// <param name="Ip">status.podIP; null until the network gave it one.</param>
/// <param name="Live">It counts as a replica: not being deleted, not finished, not chosen for deletion.</param>
/// <param name="OnNode">It is bound to a node (so only the network stands between it and an IP).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record SlotPod(string Name, string Uid, string? Ip, bool Live, bool OnNode, DateTimeOffset? CreatedAt);

/// <summary>What the workload decided about its slots in one pass.</summary>
/// <param name="Facts">To persist, in order (fold them into the book).</param>
/// <param name="WakeAt">When to look again even if nothing changes (a hold ending, a wait to report).</param>
public sealed record SlotPlan(IReadOnlyList<IpSlotFact> Facts, DateTimeOffset? WakeAt);
