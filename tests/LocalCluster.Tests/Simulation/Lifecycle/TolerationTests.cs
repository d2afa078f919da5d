using Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Lifecycle;

public sealed class TolerationTests
{
    // key, operator, value, effect of the toleration | key, value, effect of the taint | tolerated
    [Theory]
    [InlineData("node.kubernetes.io/unreachable", "Exists", "", "NoExecute", "node.kubernetes.io/unreachable", "", "NoExecute", true)]
    [InlineData("node.kubernetes.io/unreachable", "Exists", "", "", "node.kubernetes.io/unreachable", "", "NoSchedule", true)]
    [InlineData("node.kubernetes.io/unreachable", "Exists", "", "NoSchedule", "node.kubernetes.io/unreachable", "", "NoExecute", false)]
    [InlineData("node.kubernetes.io/not-ready", "Exists", "", "NoExecute", "node.kubernetes.io/unreachable", "", "NoExecute", false)]
    [InlineData("", "Exists", "", "", "anything", "x", "NoExecute", true)]
    [InlineData("", "Exists", "", "NoSchedule", "anything", "x", "NoExecute", false)]
    [InlineData("dedicated", "Equal", "gpu", "NoExecute", "dedicated", "gpu", "NoExecute", true)]
    [InlineData("dedicated", "", "gpu", "NoExecute", "dedicated", "gpu", "NoExecute", true)]
    [InlineData("dedicated", "Equal", "gpu", "NoExecute", "dedicated", "cpu", "NoExecute", false)]
    [InlineData("dedicated", "Equal", "", "NoExecute", "dedicated", "", "NoExecute", true)]
    [InlineData("dedicated", "Exists", "", "NoExecute", "dedicated", "cpu", "NoExecute", true)]
    [InlineData("dedicated", "Lt", "gpu", "NoExecute", "dedicated", "gpu", "NoExecute", false)]
    public void Tolerations_match_taints_as_kubernetes_matches_them(string key, string op, string value, string effect, string taintKey, string taintValue, string taintEffect, bool tolerated)
    {
        var toleration = new Toleration(key, op, value, effect);

        Assert.Equal(tolerated, toleration.Tolerates(new Taint(taintKey, taintValue, taintEffect)));
    }
}
