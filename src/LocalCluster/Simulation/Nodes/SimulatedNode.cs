using System.Globalization;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Nodes;

/// <summary>
/// What a simulated node is made of, as a kind node registers itself: name, zone, pod CIDR,
/// addresses, capacity and the healthy conditions its kubelet posts. Pure: the same index gives
/// the same node.
/// </summary>
internal static class SimulatedNode
{
    public const string NamePrefix = "kruise-node-";
    public const string Cpu = "32";
    public const string Memory = "128Gi";
    public const string Pods = "110";
    public const string EphemeralStorage = "500Gi";

    /// <summary>kruise-node-1, kruise-node-2, ... (index from 1).</summary>
    public static string Name(int index) => NamePrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>zone-a, zone-b, ...: node i goes to zone (i-1) mod zones.</summary>
    public static string Zone(int index, int zones) => "zone-" + (char)('a' + ((index - 1) % zones));

    /// <summary>10.244.(i-1).0/24: node i's block of <see cref="SimulationConventions.ClusterPodCidr"/>.</summary>
    public static string PodCidr(int index) => $"10.244.{index - 1}.0/24";

    /// <summary>172.18.0.(i+1), as kind numbers its node containers (.1 is the bridge); past .255 the third byte counts on.</summary>
    public static string InternalIp(int index) => $"172.18.{(index + 1) / 256}.{(index + 1) % 256}";

    public static JsonObject Build(int index, int zones, string minorVersion, DateTimeOffset now)
    {
        var name = Name(index);
        var version = $"v1.{minorVersion}.0";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject
                {
                    ["beta.kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["kubernetes.io/os"] = "linux",
                    [SimulationConventions.HostnameLabel] = name,
                    [SimulationConventions.ZoneLabel] = Zone(index, zones),
                    [SimulationConventions.SimulatedNodeLabel] = "true",
                },
                ["annotations"] = new JsonObject
                {
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            ["spec"] = new JsonObject
            {
                ["podCIDR"] = PodCidr(index),
                ["podCIDRs"] = new JsonArray(PodCidr(index)),
                ["providerID"] = "kruise-actors://" + name,
            },
            ["status"] = new JsonObject
            {
                ["capacity"] = Resources(),
                ["allocatable"] = Resources(),
                ["conditions"] = NodeConditions.Healthy(now, null),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = InternalIp(index) },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
                ["nodeInfo"] = new JsonObject
                {
                    ["machineID"] = Id(name, "machine"),
                    ["systemUUID"] = Id(name, "system"),
                    ["bootID"] = Id(name, "boot"),
                    ["kernelVersion"] = "6.1.0-kruise",
                    ["osImage"] = "Debian GNU/Linux 12 (bookworm)",
                    ["containerRuntimeVersion"] = "containerd://1.7.24",
                    ["kubeletVersion"] = version,
                    ["kubeProxyVersion"] = version,
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                },
            },
        };
    }

    private static JsonObject Resources() => new()
    {
        ["cpu"] = Cpu,
        ["ephemeral-storage"] = EphemeralStorage,
        ["memory"] = Memory,
        ["pods"] = Pods,
    };

    // Stable per node and purpose, so a node looks the same every time it is built.
    private static string Id(string name, string purpose) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(purpose + "/" + name)))[..32];

    /// <summary>When the node carries the stop annotation ("true"): its kubelet is down.</summary>
    public static bool IsStopped(JsonObject node) =>
        JsonRead.Str(node, "metadata", "annotations", SimulationConventions.NodeStoppedAnnotation) == "true";

    public static bool IsSimulated(JsonObject node) =>
        JsonRead.Str(node, "metadata", "labels", SimulationConventions.SimulatedNodeLabel) == "true";
}
