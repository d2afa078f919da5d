namespace Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

/// <summary>Which pods are bound to which node (spec.nodeName), kept from the change feed; safe to read from any thread.</summary>
internal sealed class PodsByNode
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<(string Namespace, string Name)>> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Name), string> _nodeOf = [];

    /// <summary>Records where a pod is bound ("" or null: nowhere).</summary>
    public void Set(string ns, string name, string? nodeName)
    {
        lock (_gate)
        {
            var key = (ns, name);
            if (_nodeOf.TryGetValue(key, out var before))
            {
                if (before == nodeName)
                    return;
                Forget(key, before);
            }
            if (string.IsNullOrEmpty(nodeName))
                return;
            _nodeOf[key] = nodeName;
            if (!_byNode.TryGetValue(nodeName, out var pods))
                _byNode[nodeName] = pods = [];
            pods.Add(key);
        }
    }

    public void Remove(string ns, string name)
    {
        lock (_gate)
        {
            if (_nodeOf.TryGetValue((ns, name), out var before))
                Forget((ns, name), before);
        }
    }

    public IReadOnlyList<(string Namespace, string Name)> On(string nodeName)
    {
        lock (_gate)
            return _byNode.TryGetValue(nodeName, out var pods) ? [.. pods] : [];
    }

    private void Forget((string, string) key, string nodeName)
    {
        _nodeOf.Remove(key);
        if (_byNode.TryGetValue(nodeName, out var pods) && pods.Remove(key) && pods.Count == 0)
            _byNode.Remove(nodeName);
    }
}
