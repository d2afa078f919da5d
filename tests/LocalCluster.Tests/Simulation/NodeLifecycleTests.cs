using k8s.Models;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Simulation;

/// <summary>
/// A stopped node goes NotReady and unreachable, its pods are evicted as their tolerations allow,
/// and it comes back when started; NoExecute taints evict what does not tolerate them.
/// </summary>
public sealed class NodeLifecycleTests : IAsyncLifetime
{
    private const string Unreachable = "node.kubernetes.io/unreachable";
    private SimulatedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SimulatedCluster.Start();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_stopped_node_turns_not_ready_and_unreachable_then_ready_again_when_started()
    {
        await _cluster.SetStopped("kruise-node-2", true);

        await Eventually(async () => (await _cluster.Kubectl("get node kruise-node-2")).Ok().Table().Row("kruise-node-2")["STATUS"] == "NotReady", "kubectl to show the stopped node NotReady");
        var node = await _cluster.Node("kruise-node-2");
        Assert.All(node.Status.Conditions, c => Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (c.Status, c.Reason, c.Message)));
        await Eventually(async () => (await _cluster.Node("kruise-node-2")).Spec.Taints?.Count == 2, "both unreachable taints");
        var taints = (await _cluster.Node("kruise-node-2")).Spec.Taints;
        Assert.Equal(["NoExecute", "NoSchedule"], taints.Where(t => t.Key == Unreachable).Select(t => t.Effect).Order());
        Assert.All(taints, t => Assert.NotNull(t.TimeAdded));
        Assert.Equal("Ready", (await _cluster.Kubectl("get node kruise-node-1")).Ok().Table().Row("kruise-node-1")["STATUS"]);
        var described = (await _cluster.Kubectl("describe node kruise-node-2")).Ok().Stdout;
        Assert.Contains("Node kruise-node-2 status is now: NodeNotReady", described);

        await _cluster.SetStopped("kruise-node-2", false);

        await Eventually(async () => (await _cluster.Kubectl("get node kruise-node-2")).Ok().Table().Row("kruise-node-2")["STATUS"] == "Ready", "the started node to be Ready");
        await Eventually(async () => (await _cluster.Node("kruise-node-2")).Spec.Taints is null or { Count: 0 }, "the unreachable taints to go");
        var ready = (await _cluster.Node("kruise-node-2")).Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady"), (ready.Status, ready.Reason));
    }

    [Fact]
    public async Task Pods_on_a_stopped_node_are_evicted_when_their_toleration_runs_out()
    {
        await _cluster.SetStopped("kruise-node-2", true);
        await _cluster.CreatePod("one-second", "kruise-node-2", [TolerateUnreachable(1)]);
        await _cluster.CreatePod("zero-seconds", "kruise-node-2", [TolerateUnreachable(0)]);
        await _cluster.CreatePod("default", "kruise-node-2");
        await _cluster.CreatePod("elsewhere", "kruise-node-1", [TolerateUnreachable(1)]);
        await _cluster.ReportReady("default");

        await Eventually(() => _cluster.Evicted("zero-seconds"), "the pod tolerating 0 s to be evicted");
        await Eventually(() => _cluster.Evicted("one-second"), "the pod tolerating 1 s to be evicted");

        // The default toleration (300 s) keeps the other one, marked not ready as its node is not.
        var kept = await _cluster.FindPod("default");
        Assert.Null(kept!.Metadata.DeletionTimestamp);
        await Eventually(async () => (await _cluster.FindPod("default"))!.Status.Conditions.Single(c => c.Type == "Ready").Status == "False", "the pod on the unreachable node to be marked not ready");
        Assert.Null((await _cluster.FindPod("elsewhere"))!.Metadata.DeletionTimestamp);
        var evicted = await _cluster.FindPod("one-second");
        if (evicted is not null)
        {
            var disruption = evicted.Status.Conditions.Single(c => c.Type == "DisruptionTarget");
            Assert.Equal(("True", "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"), (disruption.Status, disruption.Reason, disruption.Message));
        }
        var events = (await _cluster.Kubectl("get events --field-selector reason=TaintManagerEviction -o name")).Ok().Lines;
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Terminating_pods_on_an_unreachable_node_are_removed_once_their_grace_period_is_over()
    {
        await _cluster.CreatePod("slow-to-stop", "kruise-node-3", [TolerateUnreachable(null)], gracePeriod: 1);
        await _cluster.SetStopped("kruise-node-3", true);
        await Eventually(async () => SimulatedCluster.ReadyStatus(await _cluster.Node("kruise-node-3")) == "Unknown", "the node to go NotReady");

        (await _cluster.Kubectl("delete pod slow-to-stop --wait=false")).Ok();
        Assert.NotNull((await _cluster.FindPod("slow-to-stop"))?.Metadata.DeletionTimestamp);

        await Eventually(async () => await _cluster.FindPod("slow-to-stop") is null, "the terminating pod to be removed");
    }

    [Fact]
    public async Task A_no_execute_taint_evicts_pods_that_do_not_tolerate_it_and_keeps_those_that_do()
    {
        await _cluster.CreatePod("intolerant", "kruise-node-1");
        await _cluster.CreatePod("tolerant", "kruise-node-1", [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "batch", Effect = "NoExecute" }]);

        (await _cluster.Kubectl("taint node kruise-node-1 dedicated=batch:NoExecute")).Ok();

        await Eventually(() => _cluster.Evicted("intolerant"), "the pod not tolerating the taint to be evicted");
        Assert.Null((await _cluster.FindPod("tolerant"))!.Metadata.DeletionTimestamp);
        Assert.Equal("Ready", (await _cluster.Kubectl("get node kruise-node-1")).Ok().Table().Row("kruise-node-1")["STATUS"]);
    }

    [Fact]
    public async Task Cordoning_a_node_taints_it_unschedulable_until_uncordoned()
    {
        (await _cluster.Kubectl("cordon kruise-node-3")).Ok();
        await Eventually(async () => (await _cluster.Node("kruise-node-3")).Spec.Taints?.Any(t => t.Key == "node.kubernetes.io/unschedulable" && t.Effect == "NoSchedule") == true, "the unschedulable taint");

        (await _cluster.Kubectl("uncordon kruise-node-3")).Ok();
        await Eventually(async () => (await _cluster.Node("kruise-node-3")).Spec.Taints is null or { Count: 0 }, "the unschedulable taint to go");
    }

    [Fact]
    public async Task Every_pod_created_gets_the_default_not_ready_and_unreachable_tolerations()
    {
        await _cluster.CreatePod("plain", "kruise-node-1");
        await _cluster.CreatePod("own", "kruise-node-1", [TolerateUnreachable(7)]);

        var plain = (await _cluster.Kubectl("get pod plain -o jsonpath={.spec.tolerations[*].key}={.spec.tolerations[*].tolerationSeconds}")).Ok().Stdout;
        Assert.Equal("node.kubernetes.io/not-ready node.kubernetes.io/unreachable=300 300", plain);
        var own = (await _cluster.FindPod("own"))!.Spec.Tolerations.Select(t => (t.Key, t.TolerationSeconds));
        Assert.Equal([(Unreachable, 7L), ("node.kubernetes.io/not-ready", 300L)], own.Select(t => (t.Key, t.TolerationSeconds!.Value)));
    }

    private static V1Toleration TolerateUnreachable(long? seconds) =>
        new() { Key = Unreachable, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = seconds };
}
