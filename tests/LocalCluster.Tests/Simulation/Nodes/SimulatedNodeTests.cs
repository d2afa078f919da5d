using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Simulation.Nodes;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Nodes;

public sealed class SimulatedNodeTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 3, "kruise-node-1", "zone-a", "10.244.0.0/24", "172.18.0.2")]
    [InlineData(2, 3, "kruise-node-2", "zone-b", "10.244.1.0/24", "172.18.0.3")]
    [InlineData(3, 3, "kruise-node-3", "zone-c", "10.244.2.0/24", "172.18.0.4")]
    [InlineData(4, 3, "kruise-node-4", "zone-a", "10.244.3.0/24", "172.18.0.5")]
    [InlineData(5, 2, "kruise-node-5", "zone-a", "10.244.4.0/24", "172.18.0.6")]
    [InlineData(6, 2, "kruise-node-6", "zone-b", "10.244.5.0/24", "172.18.0.7")]
    [InlineData(7, 1, "kruise-node-7", "zone-a", "10.244.6.0/24", "172.18.0.8")]
    [InlineData(100, 3, "kruise-node-100", "zone-a", "10.244.99.0/24", "172.18.0.101")]
    [InlineData(255, 26, "kruise-node-255", "zone-u", "10.244.254.0/24", "172.18.1.0")]
    [InlineData(256, 26, "kruise-node-256", "zone-v", "10.244.255.0/24", "172.18.1.1")]
    public void Nodes_are_named_zoned_and_numbered_by_index(int index, int zones, string name, string zone, string podCidr, string ip)
    {
        var node = SimulatedNode.Build(index, zones, "32", Now);

        Assert.Equal(name, Str(node, "metadata", "name"));
        Assert.Equal(zone, Str(node, "metadata", "labels", SimulationConventions.ZoneLabel));
        Assert.Equal(name, Str(node, "metadata", "labels", SimulationConventions.HostnameLabel));
        Assert.Equal(podCidr, Str(node, "spec", "podCIDR"));
        Assert.Equal([podCidr], ((JsonArray)node["spec"]!["podCIDRs"]!).Select(c => c!.GetValue<string>()));
        var addresses = ((JsonArray)node["status"]!["addresses"]!).Select(a => (Str(a, "type"), Str(a, "address")));
        Assert.Equal([("InternalIP", ip), ("Hostname", name)], addresses);
    }

    [Fact]
    public void A_node_carries_the_labels_capacity_and_version_of_a_linux_kubelet()
    {
        var node = SimulatedNode.Build(2, 3, "29", Now);

        var labels = ((JsonObject)node["metadata"]!["labels"]!).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal("linux", labels["kubernetes.io/os"]);
        Assert.Equal("amd64", labels["kubernetes.io/arch"]);
        Assert.Equal("true", labels[SimulationConventions.SimulatedNodeLabel]);
        foreach (var resources in new[] { "capacity", "allocatable" })
        {
            Assert.Equal("32", Str(node, "status", resources, "cpu"));
            Assert.Equal("128Gi", Str(node, "status", resources, "memory"));
            Assert.Equal("110", Str(node, "status", resources, "pods"));
            Assert.NotEqual("", Str(node, "status", resources, "ephemeral-storage"));
        }
        Assert.Equal("v1.29.0", Str(node, "status", "nodeInfo", "kubeletVersion"));
        Assert.Equal("linux", Str(node, "status", "nodeInfo", "operatingSystem"));
        Assert.Equal("amd64", Str(node, "status", "nodeInfo", "architecture"));
        Assert.StartsWith("containerd://", Str(node, "status", "nodeInfo", "containerRuntimeVersion"));
        Assert.NotEqual("", Str(node, "status", "nodeInfo", "osImage"));
    }

    [Fact]
    public void A_new_node_reports_ready_without_pressure()
    {
        var node = SimulatedNode.Build(1, 3, "32", Now);

        var conditions = ((JsonArray)node["status"]!["conditions"]!).ToDictionary(c => Str(c, "type"), c => (Str(c, "status"), Str(c, "reason")));
        Assert.Equal(("True", "KubeletReady"), conditions["Ready"]);
        Assert.Equal(("False", "KubeletHasSufficientMemory"), conditions["MemoryPressure"]);
        Assert.Equal(("False", "KubeletHasNoDiskPressure"), conditions["DiskPressure"]);
        Assert.Equal(("False", "KubeletHasSufficientPID"), conditions["PIDPressure"]);
    }

    [Fact]
    public void The_same_index_builds_the_same_node()
    {
        Assert.True(JsonNode.DeepEquals(SimulatedNode.Build(4, 3, "32", Now), SimulatedNode.Build(4, 3, "32", Now)));
        Assert.NotEqual(Str(SimulatedNode.Build(4, 3, "32", Now), "status", "nodeInfo", "machineID"), Str(SimulatedNode.Build(5, 3, "32", Now), "status", "nodeInfo", "machineID"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("True", false)]
    [InlineData("", false)]
    public void Only_the_annotation_value_true_stops_a_node(string? value, bool stopped)
    {
        var node = SimulatedNode.Build(1, 3, "32", Now);
        if (value is not null)
            node["metadata"]!["annotations"]![SimulationConventions.NodeStoppedAnnotation] = value;

        Assert.Equal(stopped, SimulatedNode.IsStopped(node));
    }

    [Fact]
    public void Ready_waits_for_every_running_simulated_node_and_ignores_stopped_and_foreign_ones()
    {
        var ready = SimulatedNode.Build(1, 3, "32", Now);
        var unknown = SimulatedNode.Build(2, 3, "32", Now);
        unknown["status"]!["conditions"] = NodeConditions.Unknown(unknown["status"]!["conditions"], Now, Now);
        var stoppedUnknown = (JsonObject)unknown.DeepClone();
        stoppedUnknown["metadata"]!["annotations"]![SimulationConventions.NodeStoppedAnnotation] = "true";
        var foreign = (JsonObject)unknown.DeepClone();
        ((JsonObject)foreign["metadata"]!["labels"]!).Remove(SimulationConventions.SimulatedNodeLabel);

        Assert.True(NodeRegistration.RunningNodesReady([ready]));
        Assert.False(NodeRegistration.RunningNodesReady([ready, unknown]));
        Assert.True(NodeRegistration.RunningNodesReady([ready, stoppedUnknown]));
        Assert.True(NodeRegistration.RunningNodesReady([ready, foreign]));
    }

    internal static string Str(JsonNode? node, params string[] path) => JsonRead.Str(node, path);
}
