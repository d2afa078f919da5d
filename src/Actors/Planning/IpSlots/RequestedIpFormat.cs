namespace Kruise.Actors.Planning.IpSlots;

/// <summary>
/// How the cluster's CNI is asked for a pod's IP: the pod annotation it reads and how the value is
/// written. Calico reads a JSON list (`cni.projectcalico.org/ipAddrs: '["10.244.1.7"]'`), Kube-OVN a
/// plain address (`ovn.kubernetes.io/ip_address: 10.244.1.7`).
/// </summary>
public sealed record RequestedIpFormat(string Name, string Annotation, bool JsonList)
{
    public static RequestedIpFormat Calico { get; } = new("calico", "cni.projectcalico.org/ipAddrs", JsonList: true);

    public static RequestedIpFormat KubeOvn { get; } = new("kube-ovn", "ovn.kubernetes.io/ip_address", JsonList: false);

    public static IReadOnlyList<RequestedIpFormat> Known { get; } = [Calico, KubeOvn];

    /// <summary>The annotation value that requests <paramref name="ip"/>.</summary>
    public string Value(string ip) => JsonList ? $"[\"{ip}\"]" : ip;

    /// <summary>A format by its name (`calico`, `kube-ovn`, any case), or why the name is not one.</summary>
    public static (RequestedIpFormat? Format, string? Error) Parse(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        var found = Known.FirstOrDefault(f => string.Equals(f.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        return found is not null
            ? (found, null)
            : (null, $"unknown requested-IP annotation format '{name}': expected one of {string.Join(", ", Known.Select(f => f.Name))}");
    }
}
