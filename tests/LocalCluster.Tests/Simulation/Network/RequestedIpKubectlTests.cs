using Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.KubeletCluster;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Network;

/// <summary>The Calico-style requested-IP annotation through kubectl: honoured on any node, conflicts reported and resolved.</summary>
public class RequestedIpKubectlTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    private static string Requesting(string ip) => $"cni.projectcalico.org/ipAddrs: '[\"{ip}\"]'";

    [Fact]
    public async Task A_requested_address_is_honoured_even_outside_the_nodes_block_and_a_second_claim_waits_for_it()
    {
        var ns = await cluster.NewNamespace("ip");
        await cluster.ApplyPod(ns, "holder", "sim-0", annotations: Requesting("10.244.2.7"));
        var holder = await cluster.WaitForPod(ns, "holder", IsReady, "to be ready");
        Assert.Equal("10.244.2.7", holder.Status.PodIP);

        await cluster.ApplyPod(ns, "claimant", "sim-1", annotations: Requesting("10.244.2.7"));

        var events = await cluster.DescribeEvents(ns, "claimant", "FailedCreatePodSandBox");
        Assert.Matches($@"Warning\s+FailedCreatePodSandBox\s+.*kubelet\s+Failed to create pod sandbox: .*requested IP 10\.244\.2\.7 is already in use by pod {ns}/holder", events);
        var row = (await cluster.Kubectl($"get pods -n {ns} -o wide")).Ok().Table().Row("claimant");
        Assert.Equal("ContainerCreating", row["STATUS"]);
        Assert.Equal("<none>", row["IP"]);

        (await cluster.Kubectl($"delete pod holder -n {ns} --timeout=30s")).Ok();

        var claimant = await cluster.WaitForPod(ns, "claimant", IsReady, "to be ready with the released address");
        Assert.Equal("10.244.2.7", claimant.Status.PodIP);
        Assert.Equal("sim-1", claimant.Spec.NodeName);
    }

    [Fact]
    public async Task An_unusable_annotation_is_reported_and_the_pod_waits()
    {
        var ns = await cluster.NewNamespace("badip");
        await cluster.ApplyPod(ns, "web", "sim-0", annotations: "cni.projectcalico.org/ipAddrs: '10.244.0.9'");

        var events = await cluster.DescribeEvents(ns, "web", "FailedCreatePodSandBox");

        Assert.Contains("invalid cni.projectcalico.org/ipAddrs annotation '10.244.0.9': it is not JSON", events, StringComparison.Ordinal);
        Assert.Equal("ContainerCreating", (await cluster.Kubectl($"get pods -n {ns}")).Ok().Table().Row("web")["STATUS"]);
    }

    [Fact]
    public async Task Pods_on_one_node_get_distinct_addresses()
    {
        var ns = await cluster.NewNamespace("many");
        for (var i = 0; i < 5; i++)
            await cluster.ApplyPod(ns, $"web-{i}", "sim-2");

        var ips = new List<string>();
        for (var i = 0; i < 5; i++)
            ips.Add((await cluster.WaitForPod(ns, $"web-{i}", IsReady, "to be ready")).Status.PodIP);

        Assert.Equal(5, ips.Distinct().Count());
        Assert.All(ips, ip => Assert.StartsWith("10.244.2.", ip, StringComparison.Ordinal));
    }
}
