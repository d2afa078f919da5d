namespace Kruise.Actors.Planning.IpSlots;

/// <summary>
/// Keeps a workload's IP slots in step with its pods, pure and workload-agnostic: remembers the IP
/// each pod got, keeps a slot vacant when its pod goes away while the workload still wants as many
/// replicas (so the replacement requests the IP), releases slots the workload no longer needs
/// (scale-down) and drops them after the hold time, and reports a replacement that is on a node
/// but has not got its IP.
/// </summary>
public static class IpSlotPlanner
{
    /// <param name="book">The slots as persisted.</param>
    /// <param name="pods">Every pod of the workload, terminating and finished ones included.</param>
    /// <param name="pendingCreates">Pods decided but not yet seen (they may hold an assigned slot).</param>
    /// <param name="replicas">How many replicas the workload wants.</param>
    /// <param name="settings">Hold time and how long a replacement may wait for its IP before it is reported.</param>
    /// <param name="now">The decision's time.</param>
    public static SlotPlan Reconcile(IpSlotBook book, IReadOnlyList<SlotPod> pods, IReadOnlyCollection<string> pendingCreates, int replicas,
        RetainIpSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(pendingCreates);
        ArgumentNullException.ThrowIfNull(settings);
        var facts = new List<IpSlotFact>();
        DateTimeOffset? wake = null;
        void Emit(IpSlotFact fact)
        {
            facts.Add(fact);
            book = book.Apply(fact);
        }
        void WakeBy(DateTimeOffset at)
        {
            if (wake is null || at < wake)
                wake = at;
        }

        var byName = new Dictionary<string, SlotPod>(StringComparer.Ordinal);
        foreach (var pod in pods)
            byName.TryAdd(pod.Name, pod);
        var pending = pendingCreates.ToHashSet(StringComparer.Ordinal);

        // 1. Follow each slot's holder: seen with the IP, gone, or waiting for it.
        foreach (var slot in book.Slots.Values.ToList())
        {
            if (slot.Holder is not { } holder)
                continue;
            if (!byName.TryGetValue(holder, out var pod))
            {
                if (!pending.Contains(holder))
                    Emit(new IpSlotFact(IpSlotFactKind.Vacated, slot.Id, now, Pod: holder));
                continue;
            }
            if (!pod.Live || (slot.HolderUid is { Length: > 0 } uid && uid != pod.Uid))
            {
                Emit(new IpSlotFact(IpSlotFactKind.Vacated, slot.Id, now, Pod: holder));
                continue;
            }
            if (slot.IsHeld)
                continue;
            if (pod.Ip is { } ip)
            {
                var message = ip == slot.Ip ? null : $"it requested {slot.Ip} but the network gave it {ip}; does the CNI honour the configured requested-IP annotation?";
                Emit(new IpSlotFact(IpSlotFactKind.Bound, slot.Id, now, ip, pod.Name, pod.Uid, message));
                continue;
            }
            if (!pod.OnNode || slot.WaitReportedFor == pod.Name)
                continue;
            var reportAt = (pod.CreatedAt ?? now) + settings.WaitBeforeWarning;
            if (reportAt > now)
            {
                WakeBy(reportAt);
                continue;
            }
            Emit(new IpSlotFact(IpSlotFactKind.Waiting, slot.Id, now, Pod: pod.Name, Message: WaitMessage(slot, pods)));
        }

        // 2. Remember the IP of every live pod that holds no slot yet.
        foreach (var pod in pods.Where(p => p.Live && p.Ip is not null).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (book.HeldBy(pod.Name) is not null)
                continue;
            var existing = book.WithIp(pod.Ip!);
            if (existing is { IsHeld: true } && byName.TryGetValue(existing.Holder!, out var other) && other.Live)
                continue; // Two live pods cannot hold one IP; the first one seen keeps the slot.
            Emit(new IpSlotFact(IpSlotFactKind.Bound, existing?.Id ?? pod.Ip!, now, pod.Ip, pod.Name, pod.Uid));
        }

        // 3. Keep as many vacant slots as replicas are missing; release the rest (scale-down, surge).
        var occupied = book.Slots.Values.Count(s => s.Holder is not null)
            + pods.Count(p => p.Live && book.HeldBy(p.Name) is null)
            + pending.Count(name => !byName.ContainsKey(name) && book.HeldBy(name) is null);
        var keep = Math.Max(0, replicas - occupied);
        foreach (var slot in Vacant(book).Skip(keep))
            Emit(new IpSlotFact(IpSlotFactKind.Released, slot.Id, now, Until: now + settings.HoldTime));

        // 4. Drop released slots whose hold is over.
        foreach (var slot in book.Slots.Values.Where(s => s.IsReleased).ToList())
        {
            if (slot.HeldUntil is { } until && until > now)
                WakeBy(until);
            else
                Emit(new IpSlotFact(IpSlotFactKind.Dropped, slot.Id, now));
        }
        return new SlotPlan(facts, wake);
    }

    /// <summary>
    /// Gives vacant slots, longest vacant first, to pods about to be created, in order; pods beyond
    /// the vacant slots get none (the network picks their IP).
    /// </summary>
    public static IReadOnlyList<IpSlotFact> AssignVacant(IpSlotBook book, IReadOnlyList<string> newPods, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(newPods);
        return Vacant(book).Zip(newPods, (slot, pod) => new IpSlotFact(IpSlotFactKind.Assigned, slot.Id, now, Pod: pod)).ToList();
    }

    private static IEnumerable<IpSlot> Vacant(IpSlotBook book) =>
        book.Slots.Values.Where(s => s.IsVacant).OrderBy(s => s.VacantSince ?? DateTimeOffset.MinValue).ThenBy(s => s.Id, StringComparer.Ordinal);

    private static string WaitMessage(IpSlot slot, IReadOnlyList<SlotPod> pods)
    {
        var holder = pods.FirstOrDefault(p => p.Ip == slot.Ip && p.Name != slot.Holder);
        var why = holder is null
            ? "the network has not assigned it (it may be held by a pod of another workload, or outside the pod network)"
            : $"pod {holder.Name} still holds it{(holder.Live ? "" : " while it terminates")}";
        return $"pod {slot.Holder} waits for its retained IP {slot.Ip}: {why}; the pod keeps requesting it and gets it once it is free";
    }
}
