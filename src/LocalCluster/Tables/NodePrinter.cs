using System.Text.Json.Nodes;
using static Kruise.Actors.LocalCluster.JsonRead;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
/// CONTAINER-RUNTIME. STATUS is the Ready condition (Ready, NotReady, or Unknown without one),
/// plus ",SchedulingDisabled" when cordoned.
/// </summary>
internal static class NodePrinter
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    public static TablePrinter Printer { get; } = new(
    [
        TableColumn.NameColumn,
        new("Status", Description: "The status of the node"),
        new("Roles", Description: "The roles of the node"),
        TableColumn.Age,
        new("Version", Description: "Kubelet Version reported by the node."),
        TableColumn.Wide("Internal-IP", "List of addresses reachable to the node."),
        TableColumn.Wide("External-IP", "List of addresses reachable to the node."),
        TableColumn.Wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        TableColumn.Wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        TableColumn.Wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
    ], Cells);

    private static JsonNode?[] Cells(JsonObject node, DateTimeOffset now) =>
    [
        Str(node, "metadata", "name"),
        Status(node),
        PodPrinter.OrNone(string.Join(",", Roles(node))),
        Timestamps.Since(now, At(node, "metadata", "creationTimestamp")),
        Str(node, "status", "nodeInfo", "kubeletVersion"),
        Address(node, "InternalIP"),
        Address(node, "ExternalIP"),
        Unknown(Str(node, "status", "nodeInfo", "osImage")),
        Unknown(Str(node, "status", "nodeInfo", "kernelVersion")),
        Unknown(Str(node, "status", "nodeInfo", "containerRuntimeVersion")),
    ];

    private static string Status(JsonObject node)
    {
        // The last Ready condition wins, as when upstream indexes conditions by type.
        var ready = Objects(node, "status", "conditions").LastOrDefault(c => Str(c, "type") == "Ready");
        var status = ready is null ? "Unknown" : Str(ready, "status") == "True" ? "Ready" : "NotReady";
        return Bool(node, "spec", "unschedulable") ? status + ",SchedulingDisabled" : status;
    }

    private static SortedSet<string> Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in StringMap(node, "metadata", "labels"))
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
                roles.Add(key[RolePrefix.Length..]);
            else if (key == RoleLabel && value.Length > 0)
                roles.Add(value);
        }
        return roles;
    }

    private static string Address(JsonObject node, string type) =>
        Objects(node, "status", "addresses").FirstOrDefault(a => Str(a, "type") == type) is { } address ? Str(address, "address") : "<none>";

    private static string Unknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
