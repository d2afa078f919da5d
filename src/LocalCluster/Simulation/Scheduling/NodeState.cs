namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// One node and the pods assigned or assumed on it, with the sums the filters and scores read,
/// kept up to date as pods come and go so no decision rescans every pod.
/// </summary>
public sealed class NodeState(string name)
{
    private readonly Dictionary<string, PodFacts> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _groupCounts = [];

    public string Name { get; } = name;

    /// <summary>Null while pods name a node the scheduler has not seen (or no longer sees).</summary>
    public NodeFacts? Facts { get; internal set; }

    public ResourceAmounts Requested { get; private set; } = ResourceAmounts.Zero;
    public long NonZeroMilliCpu { get; private set; }
    public long NonZeroMemory { get; private set; }
    public int PodCount => _pods.Count;
    public IReadOnlyCollection<PodFacts> Pods => _pods.Values;

    /// <summary>Pods of a spread group (by its number in the snapshot) on this node, those being deleted left out (their replacements take their place).</summary>
    public int GroupCount(int group) => _groupCounts.GetValueOrDefault(group);

    internal void Add(PodFacts pod, int group)
    {
        _pods.Add(pod.Uid, pod);
        Requested = Requested.Plus(pod.Requests);
        NonZeroMilliCpu += pod.NonZeroMilliCpu;
        NonZeroMemory += pod.NonZeroMemory;
        if (!pod.Deleting)
            _groupCounts[group] = GroupCount(group) + 1;
    }

    internal void Remove(PodFacts pod, int group)
    {
        if (!_pods.Remove(pod.Uid))
            return;
        Requested = Requested.Minus(pod.Requests);
        NonZeroMilliCpu -= pod.NonZeroMilliCpu;
        NonZeroMemory -= pod.NonZeroMemory;
        if (!pod.Deleting)
        {
            var left = GroupCount(group) - 1;
            if (left > 0)
                _groupCounts[group] = left;
            else
                _groupCounts.Remove(group);
        }
    }
}
