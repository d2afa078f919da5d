using Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Lifecycle;

public sealed class NodeTaintsTests
{
    private static readonly DateTimeOffset Then = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddMinutes(1);
    private static readonly Taint UnreachableNoSchedule = new(Taint.Unreachable, "", Taint.NoSchedule, Then);
    private static readonly Taint UnreachableNoExecute = new(Taint.Unreachable, "", Taint.NoExecute, Then);
    private static readonly Taint NotReadyNoExecute = new(Taint.NotReady, "", Taint.NoExecute, Then);
    private static readonly Taint Cordoned = new(Taint.Unschedulable, "", Taint.NoSchedule, Then);
    private static readonly Taint Users = new("dedicated", "gpu", Taint.NoExecute);

    public static TheoryData<string, Taint[], string?, bool, string[]> Cases => new()
    {
        // name, current taints, Ready status, cordoned, expected "key:effect" (+ "@new" when added now)
        { "ready node, nothing", [], "True", false, [] },
        { "never posted, nothing yet", [], null, false, [] },
        { "unknown adds both unreachable taints", [], "Unknown", false, ["node.kubernetes.io/unreachable:NoSchedule@new", "node.kubernetes.io/unreachable:NoExecute@new"] },
        { "false adds both not-ready taints", [], "False", false, ["node.kubernetes.io/not-ready:NoSchedule@new", "node.kubernetes.io/not-ready:NoExecute@new"] },
        { "unknown keeps existing ones and their time", [UnreachableNoSchedule, UnreachableNoExecute], "Unknown", false, ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"] },
        { "unknown completes a half set", [UnreachableNoExecute], "Unknown", false, ["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule@new"] },
        { "ready again removes them", [UnreachableNoSchedule, UnreachableNoExecute], "True", false, [] },
        { "unknown swaps not-ready for unreachable", [NotReadyNoExecute], "Unknown", false, ["node.kubernetes.io/unreachable:NoSchedule@new", "node.kubernetes.io/unreachable:NoExecute@new"] },
        { "a user's taint stays", [Users, UnreachableNoExecute], "True", false, ["dedicated:NoExecute"] },
        { "cordoned adds unschedulable", [], "True", true, ["node.kubernetes.io/unschedulable:NoSchedule@new"] },
        { "uncordoned removes it", [Cordoned], "True", false, [] },
        { "cordoned and unknown", [Cordoned], "Unknown", true, ["node.kubernetes.io/unschedulable:NoSchedule", "node.kubernetes.io/unreachable:NoSchedule@new", "node.kubernetes.io/unreachable:NoExecute@new"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Taints_follow_the_node_state(string name, Taint[] current, string? ready, bool cordoned, string[] expected)
    {
        var desired = NodeTaints.Desired(current, ready, cordoned, Now);

        Assert.True(expected.SequenceEqual(desired.Select(Describe)), $"{name}: got {string.Join(", ", desired.Select(Describe))}");
    }

    [Fact]
    public void Nothing_to_change_returns_the_same_list()
    {
        Taint[] current = [Users, UnreachableNoSchedule, UnreachableNoExecute];

        Assert.Same(current, NodeTaints.Desired(current, "Unknown", false, Now));
    }

    private static string Describe(Taint t) => $"{t.Key}:{t.Effect}{(t.TimeAdded == Now ? "@new" : "")}";
}
