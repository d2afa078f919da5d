using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tables;
using static Kruise.Actors.LocalCluster.Tests.Tables.TableTestKit;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class NodeTableTests
{
    private static readonly TablePrinter Nodes = TablePrinters.ForBuiltIn("", "Node");

    [Fact]
    public void Has_kubectls_node_columns()
    {
        Assert.Equal(["Name", "Status", "Roles", "Age", "Version", "Internal-IP*", "External-IP*", "OS-Image*", "Kernel-Version*", "Container-Runtime*"], Columns(Nodes));
    }

    [Fact]
    public void Ready_node_with_roles_and_node_info()
    {
        var node = Node(ready: "True", labels: """{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/":"x","kubernetes.io/role":"worker","type":"kwok"}""");
        Assert.Equal(["kwok-node-0", "Ready", "control-plane,worker", "45d", "v1.32.0", "10.0.0.1", "<none>", "Ubuntu 24.04", "6.8.0", "containerd://1.7.0"], Cells(Nodes, node));
    }

    [Fact]
    public void Cordoned_node_that_is_not_ready()
    {
        var node = Node(ready: "Unknown", unschedulable: true);
        Assert.Equal(["NotReady,SchedulingDisabled", "<none>"], Cells(Nodes, node).Skip(1).Take(2));
    }

    [Fact]
    public void Node_without_a_ready_condition_or_info_is_unknown()
    {
        var node = Json("""{"metadata":{"name":"bare"},"status":{}}""");
        Assert.Equal(["bare", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"], Cells(Nodes, node));
    }

    private static JsonObject Node(string ready, string labels = "{}", bool unschedulable = false) => Json($$"""
        {"apiVersion":"v1","kind":"Node",
         "metadata":{"name":"kwok-node-0","labels":{{labels}},"creationTimestamp":"{{Ago(TimeSpan.FromDays(45))}}"},
         "spec":{"unschedulable":{{(unschedulable ? "true" : "false")}}},
         "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"{{ready}}"}],
           "addresses":[{"type":"InternalIP","address":"10.0.0.1"},{"type":"Hostname","address":"kwok-node-0"}],
           "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Ubuntu 24.04","kernelVersion":"6.8.0","containerRuntimeVersion":"containerd://1.7.0"} } }
        """);
}
