namespace Kruise.Actors.LocalCluster.Simulation.Network;

/// <summary>A pod as the IPAM knows it: the uid owns the address, the name is for messages.</summary>
public sealed record PodIdentity(string Namespace, string Name, string Uid)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

/// <summary>What an address request got: an address, or why none (the pod's sandbox cannot be set up).</summary>
public sealed record IpAssignment(string? Address, string? Refusal)
{
    public static IpAssignment Assigned(uint address) => new(Ipv4Block.FormatAddress(address), null);

    public static IpAssignment Refused(string reason) => new(null, reason);
}

/// <summary>
/// The simulated CNI's IP address management, as host-local IPAM with per-node blocks plus
/// Calico-style requested addresses. The cluster pool is carved into one block per node (the
/// node's spec.podCIDR); a pod gets the next free address of its node's block, skipping the
/// network, gateway and broadcast addresses and continuing after the last one handed out (so a
/// released address is not reused at once). A pod may instead request an address
/// (<see cref="SimulationConventions.RequestedIpAnnotation"/>): it gets it on any node when the
/// address lies in the cluster pool and nobody holds it, even inside another node's block, like a
/// Calico IP pool. Addresses are held per pod uid until released: the kubelet releases a pod's
/// address when the pod is deleted, and also once it has finished (Succeeded or Failed), as the
/// real kubelet tears the sandbox down then (its status keeps showing the address); after a
/// restart the pool is rebuilt from the addresses of the pods that have not finished.
/// Thread-safe: the kubelet's workers assign concurrently.
/// </summary>
public sealed class PodIpam
{
    private readonly object _gate = new();
    private readonly Ipv4Block _pool;
    private readonly Dictionary<string, Ipv4Block> _nodeBlocks = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, PodIdentity> _holders = [];
    private readonly Dictionary<string, uint> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<Ipv4Block, uint> _cursors = [];

    public PodIpam(string clusterCidr = SimulationConventions.ClusterPodCidr)
    {
        if (!Ipv4Block.TryParse(clusterCidr, out var pool))
            throw new ArgumentException($"invalid cluster pod CIDR \"{clusterCidr}\"", nameof(clusterCidr));
        _pool = pool.Value;
    }

    public Ipv4Block Pool => _pool;

    /// <summary>Learn (or forget, with null) a node's block; false when the CIDR is not a block of the cluster pool.</summary>
    public bool SetNodeBlock(string node, string? cidr)
    {
        lock (_gate)
        {
            if (cidr is null)
            {
                _nodeBlocks.Remove(node);
                return true;
            }
            if (!Ipv4Block.TryParse(cidr, out var block) || !_pool.Contains(block.Value.Network) || !_pool.Contains(block.Value.Broadcast))
            {
                _nodeBlocks.Remove(node);
                return false;
            }
            _nodeBlocks[node] = block.Value;
            return true;
        }
    }

    /// <summary>
    /// An address for <paramref name="pod"/> on <paramref name="node"/>: the one it already holds,
    /// else the requested one (<paramref name="requested"/>, the raw annotation value) when free,
    /// else the next free one of the node's block.
    /// </summary>
    public IpAssignment Assign(PodIdentity pod, string node, string? requested)
    {
        lock (_gate)
        {
            if (_byUid.TryGetValue(pod.Uid, out var held))
                return IpAssignment.Assigned(held);
            return requested is null ? AssignFromBlock(pod, node) : AssignRequested(pod, requested);
        }
    }

    /// <summary>
    /// Record an address a pod already shows (state rebuilt after a restart). False when another
    /// pod holds it already or it is not in the pool; the first holder keeps it.
    /// </summary>
    public bool Restore(PodIdentity pod, string address)
    {
        if (!Ipv4Block.TryParseAddress(address, out var ip) || !_pool.Contains(ip))
            return false;
        lock (_gate)
        {
            if (_holders.TryGetValue(ip, out var holder))
                return holder.Uid == pod.Uid;
            if (_byUid.ContainsKey(pod.Uid))
                return false;
            Hold(pod, ip);
            return true;
        }
    }

    /// <summary>Free the pod's address; false when it held none.</summary>
    public bool Release(string uid)
    {
        lock (_gate)
        {
            if (!_byUid.Remove(uid, out var ip))
                return false;
            _holders.Remove(ip);
            return true;
        }
    }

    public string? AddressOf(string uid)
    {
        lock (_gate)
            return _byUid.TryGetValue(uid, out var ip) ? Ipv4Block.FormatAddress(ip) : null;
    }

    public PodIdentity? HolderOf(string address)
    {
        if (!Ipv4Block.TryParseAddress(address, out var ip))
            return null;
        lock (_gate)
            return _holders.GetValueOrDefault(ip);
    }

    private IpAssignment AssignRequested(PodIdentity pod, string requested)
    {
        var (address, error) = RequestedIp.Parse(requested);
        if (address is not { } ip)
            return IpAssignment.Refused(error!);
        var text = Ipv4Block.FormatAddress(ip);
        if (!_pool.Contains(ip))
            return IpAssignment.Refused($"requested IP {text} is not in the cluster pod network {_pool}");
        if (ip == _pool.Network || ip == _pool.Broadcast)
            return IpAssignment.Refused($"requested IP {text} is the network or broadcast address of the cluster pod network {_pool}");
        foreach (var (node, block) in _nodeBlocks)
        {
            if (block.IsReserved(ip))
                return IpAssignment.Refused($"requested IP {text} is reserved: it is the network, gateway or broadcast address of node {node}'s block {block}");
        }
        if (_holders.TryGetValue(ip, out var holder))
            return IpAssignment.Refused($"requested IP {text} is already in use by pod {holder}");
        Hold(pod, ip);
        return IpAssignment.Assigned(ip);
    }

    private IpAssignment AssignFromBlock(PodIdentity pod, string node)
    {
        if (!_nodeBlocks.TryGetValue(node, out var block))
            return IpAssignment.Refused($"node {node} has no pod CIDR in the cluster pod network {_pool}");
        var first = block.Gateway + 1;
        var last = block.Broadcast - 1;
        if (first > last)
            return IpAssignment.Refused($"node {node}'s block {block} has no addresses for pods");
        var count = last - first + 1;
        var start = _cursors.TryGetValue(block, out var cursor) && cursor >= first && cursor <= last ? cursor : first;
        for (uint i = 0; i < count; i++)
        {
            var candidate = first + ((start - first + i) % count);
            if (_holders.ContainsKey(candidate))
                continue;
            Hold(pod, candidate);
            _cursors[block] = candidate == last ? first : candidate + 1;
            return IpAssignment.Assigned(candidate);
        }
        return IpAssignment.Refused(
            $"no IP addresses available in range set: {Ipv4Block.FormatAddress(first)}-{Ipv4Block.FormatAddress(last)}");
    }

    private void Hold(PodIdentity pod, uint ip)
    {
        _holders[ip] = pod;
        _byUid[pod.Uid] = ip;
    }
}
