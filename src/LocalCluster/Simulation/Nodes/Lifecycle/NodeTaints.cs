namespace Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

/// <summary>
/// The taints the node lifecycle controller keeps in step with a node's state: unreachable while
/// Ready is Unknown, not-ready while it is False (both NoSchedule and NoExecute), unschedulable
/// while the node is cordoned. Every other taint is the user's and left alone.
/// </summary>
internal static class NodeTaints
{
    private static readonly Taint[] Managed =
    [
        new(Taint.Unreachable, "", Taint.NoSchedule),
        new(Taint.Unreachable, "", Taint.NoExecute),
        new(Taint.NotReady, "", Taint.NoSchedule),
        new(Taint.NotReady, "", Taint.NoExecute),
        new(Taint.Unschedulable, "", Taint.NoSchedule),
    ];

    /// <summary>
    /// The node's taints as they should be; a taint already there keeps its timeAdded, a new one is
    /// added now. Returns <paramref name="current"/> itself when nothing changes.
    /// </summary>
    public static IReadOnlyList<Taint> Desired(IReadOnlyList<Taint> current, string? readyStatus, bool unschedulable, DateTimeOffset now)
    {
        var wanted = Wanted(readyStatus, unschedulable).ToList();
        var kept = current.Where(t => !Managed.Any(m => m.SameAs(t)) || wanted.Any(w => w.SameAs(t))).ToList();
        var added = wanted.Where(w => !kept.Any(k => k.SameAs(w))).Select(w => w with { TimeAdded = now });
        var result = kept.Concat(added).ToList();
        return result.Count == current.Count && result.Zip(current).All(p => ReferenceEquals(p.First, p.Second)) ? current : result;
    }

    private static IEnumerable<Taint> Wanted(string? readyStatus, bool unschedulable)
    {
        var key = readyStatus switch
        {
            null or "True" => null,
            "False" => Taint.NotReady,
            _ => Taint.Unreachable,
        };
        if (key is not null)
        {
            yield return new(key, "", Taint.NoSchedule);
            yield return new(key, "", Taint.NoExecute);
        }
        if (unschedulable)
            yield return new(Taint.Unschedulable, "", Taint.NoSchedule);
    }
}
