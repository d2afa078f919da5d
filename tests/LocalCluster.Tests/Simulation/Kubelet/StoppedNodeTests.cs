using Kruise.Actors.LocalCluster.Simulation;
using static Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet.KubeletCluster;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Kubelet;

/// <summary>A node whose kubelet is stopped (the stopped annotation) leaves its pods alone until it starts again.</summary>
public class StoppedNodeTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    [Fact]
    public async Task Pods_on_a_stopped_node_start_only_once_the_node_starts()
    {
        await cluster.CreateNode("sim-stopped", 10, stopped: true);
        var ns = await cluster.NewNamespace("stopped");
        await cluster.ApplyPod(ns, "idle", "sim-stopped");
        // A pod bound later to a running node starts: the kubelets did work meanwhile.
        await cluster.ApplyPod(ns, "busy", "sim-0");
        await cluster.WaitForPod(ns, "busy", IsReady, "to be ready");

        var idle = await cluster.ReadPod(ns, "idle");
        Assert.Equal("Pending", idle.Status.Phase);
        Assert.Null(idle.Status.ContainerStatuses);
        Assert.Null(idle.Status.StartTime);

        (await cluster.Kubectl($"annotate node sim-stopped {SimulationConventions.NodeStoppedAnnotation}-")).Ok();

        idle = await cluster.WaitForPod(ns, "idle", IsReady, "to be ready once its node started");
        Assert.StartsWith("10.244.10.", idle.Status.PodIP, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_deleted_while_its_node_is_stopped_stays_terminating_until_the_node_starts()
    {
        await cluster.CreateNode("sim-paused", 11);
        var ns = await cluster.NewNamespace("paused");
        await cluster.ApplyPod(ns, "web", "sim-paused");
        var running = await cluster.WaitForPod(ns, "web", IsReady, "to be ready");
        (await cluster.Kubectl($"annotate node sim-paused {SimulationConventions.NodeStoppedAnnotation}=true")).Ok();

        (await cluster.Kubectl($"delete pod web -n {ns} --wait=false")).Ok();
        await cluster.ApplyPod(ns, "other", "sim-1");
        await cluster.WaitForPod(ns, "other", IsReady, "to be ready");

        var terminating = await cluster.ReadPod(ns, "web");
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.Equal("Terminating", (await cluster.Kubectl($"get pods -n {ns}")).Ok().Table().Row("web")["STATUS"]);
        Assert.Equal(running.Status.ContainerStatuses[0].ContainerID, terminating.Status.ContainerStatuses[0].ContainerID);

        (await cluster.Kubectl($"annotate node sim-paused {SimulationConventions.NodeStoppedAnnotation}-")).Ok();

        await Controllers.Clusters.Eventually(async () => !await Controllers.Clusters.Exists(() => cluster.ReadPod(ns, "web")), "the pod to be gone once its node started");
    }
}
