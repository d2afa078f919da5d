using System.Collections.Immutable;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// The scheduler's view of the cluster: nodes, the pods placed on them (bound, or assumed while
/// their binding is under way), and namespace labels for namespaceSelectors. Changed one object
/// at a time; every per-node sum is kept incrementally. Not thread-safe: its owner serializes.
/// </summary>
public sealed class SchedulingSnapshot
{
    private readonly Dictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PodFacts Pod, string Node)> _placements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, (PodFacts Pod, string Node)>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PodFacts Pod, string Node)> _withAffinity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDictionary<string, string>> _namespaceLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private ImmutableArray<NodeState>? _schedulable;

    /// <summary>Nodes known by their Node object, in name order (the planner's tie-break order).</summary>
    public ImmutableArray<NodeState> Nodes => _schedulable ??= [.. _nodes.Values.Where(n => n.Facts is not null).OrderBy(n => n.Name, StringComparer.Ordinal)];

    public NodeState? Node(string name) => _nodes.GetValueOrDefault(name) is { Facts: not null } node ? node : null;

    /// <summary>Placed pods of a namespace, with their node.</summary>
    public IEnumerable<(PodFacts Pod, string Node)> PodsIn(string ns) =>
        _byNamespace.TryGetValue(ns, out var pods) ? pods.Values : [];

    /// <summary>Placed pods that declare any pod affinity or anti-affinity, with their node.</summary>
    public IEnumerable<(PodFacts Pod, string Node)> PodsWithAffinity => _withAffinity.Values;

    public IEnumerable<(PodFacts Pod, string Node)> AllPlaced => _placements.Values;

    public int PlacedPods => _placements.Count;

    /// <summary>Pods of the pod's spread group on a node (hashing the group's name once per decision, not once per node).</summary>
    public Func<NodeState, int> GroupCounter(PodFacts pod) =>
        _groups.TryGetValue(pod.SpreadGroup, out var group) ? node => node.GroupCount(group) : _ => 0;

    public IDictionary<string, string>? NamespaceLabels(string ns) => _namespaceLabels.GetValueOrDefault(ns);

    public void SetNamespace(string name, IDictionary<string, string> labels) => _namespaceLabels[name] = labels;

    public void RemoveNamespace(string name) => _namespaceLabels.Remove(name);

    /// <summary>Adds or updates a node; true when the change may let a pod fit that did not.</summary>
    public bool SetNode(NodeFacts facts)
    {
        if (!_nodes.TryGetValue(facts.Name, out var state))
            _nodes[facts.Name] = state = new NodeState(facts.Name);
        var before = state.Facts;
        state.Facts = facts;
        if (before is null)
            _schedulable = null;
        return before is null || !before.SchedulesLike(facts);
    }

    public void RemoveNode(string name)
    {
        if (!_nodes.TryGetValue(name, out var state))
            return;
        state.Facts = null;
        // Pods still naming the node stay counted there until they go, as the scheduler's cache keeps them.
        if (state.PodCount == 0)
            _nodes.Remove(name);
        _schedulable = null;
    }

    /// <summary>Where a pod is placed, if it is.</summary>
    public string? PlacementOf(string uid) => _placements.TryGetValue(uid, out var placed) ? placed.Node : null;

    public PodFacts? PlacedPod(string uid) => _placements.TryGetValue(uid, out var placed) ? placed.Pod : null;

    /// <summary>Places (or re-places) a pod on a node; terminal pods hold nothing and are removed instead.</summary>
    public void Place(PodFacts pod, string node)
    {
        Remove(pod.Uid);
        if (pod.Terminal)
            return;
        if (!_nodes.TryGetValue(node, out var state))
            _nodes[node] = state = new NodeState(node);
        if (!_groups.TryGetValue(pod.SpreadGroup, out var group))
            _groups[pod.SpreadGroup] = group = _groups.Count;
        state.Add(pod, group);
        var placed = (pod, node);
        _placements[pod.Uid] = placed;
        if (!_byNamespace.TryGetValue(pod.Namespace, out var inNamespace))
            _byNamespace[pod.Namespace] = inNamespace = new Dictionary<string, (PodFacts, string)>(StringComparer.Ordinal);
        inNamespace[pod.Uid] = placed;
        if (pod.HasPodAffinity)
            _withAffinity[pod.Uid] = placed;
    }

    /// <summary>Forgets a placed pod; returns where it was.</summary>
    public string? Remove(string uid)
    {
        if (!_placements.Remove(uid, out var placed))
            return null;
        var state = _nodes[placed.Node];
        state.Remove(placed.Pod, _groups[placed.Pod.SpreadGroup]);
        if (state.Facts is null && state.PodCount == 0)
            _nodes.Remove(placed.Node);
        if (_byNamespace.TryGetValue(placed.Pod.Namespace, out var inNamespace))
        {
            inNamespace.Remove(uid);
            if (inNamespace.Count == 0)
                _byNamespace.Remove(placed.Pod.Namespace);
        }
        _withAffinity.Remove(uid);
        return placed.Node;
    }
}
