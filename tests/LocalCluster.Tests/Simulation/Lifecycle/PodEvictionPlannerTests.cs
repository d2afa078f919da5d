using Kruise.Actors.LocalCluster.Simulation.Nodes.Lifecycle;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Lifecycle;

public sealed class PodEvictionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Taint[] Unreachable = [new(Taint.Unreachable, "", Taint.NoSchedule, Now), new(Taint.Unreachable, "", Taint.NoExecute, Now)];
    private static readonly Taint[] Dedicated = [new("dedicated", "gpu", Taint.NoExecute, Now)];

    private static Toleration TolerateUnreachable(long? seconds) => new(Taint.Unreachable, "Exists", "", Taint.NoExecute, seconds);

    private static Toleration TolerateNotReady(long? seconds) => new(Taint.NotReady, "Exists", "", Taint.NoExecute, seconds);

    private static readonly Toleration[] Defaults = [TolerateNotReady(300), TolerateUnreachable(300)];

    [Fact]
    public void A_pod_without_a_matching_toleration_is_evicted_at_once()
    {
        var plan = PodEvictionPlanner.Plan(Pod([TolerateNotReady(300)]), "True", Dedicated, Now);

        Assert.Equal(PodRemoval.Evict, plan.Removal);
    }

    [Fact]
    public void A_pod_tolerating_for_a_while_is_evicted_when_the_time_is_up_counted_from_first_exposure()
    {
        var first = PodEvictionPlanner.Plan(Pod(Defaults), "Unknown", Unreachable, Now);
        Assert.Equal(new PodPlan(true, PodRemoval.None, Now, Now.AddSeconds(300)), first);

        var before = PodEvictionPlanner.Plan(Pod(Defaults, exposedSince: Now), "Unknown", Unreachable, Now.AddSeconds(299));
        Assert.Equal(PodRemoval.None, before.Removal);
        Assert.Equal(Now, before.ExposedSince);

        var after = PodEvictionPlanner.Plan(Pod(Defaults, exposedSince: Now), "Unknown", Unreachable, Now.AddSeconds(300));
        Assert.Equal(PodRemoval.Evict, after.Removal);
    }

    public static TheoryData<string, Toleration[], Taint[], double?> Delays => new()
    {
        // name, tolerations, NoExecute taints, seconds the pod may stay (null: for ever)
        { "no taints", [], [], null },
        { "not tolerated", [], [.. Unreachable.Where(t => t.Effect == Taint.NoExecute)], 0 },
        { "tolerated for ever", [TolerateUnreachable(null)], [Unreachable[1]], null },
        { "tolerated for 1 s", [TolerateUnreachable(1)], [Unreachable[1]], 1 },
        { "zero seconds", [TolerateUnreachable(0)], [Unreachable[1]], 0 },
        { "negative seconds", [TolerateUnreachable(-5)], [Unreachable[1]], 0 },
        { "shortest of the tolerations used", [TolerateUnreachable(60), new("dedicated", "Exists", "", "", 30)], [Unreachable[1], Dedicated[0]], 30 },
        { "one taint untolerated", [TolerateUnreachable(60)], [Unreachable[1], Dedicated[0]], 0 },
        { "first matching toleration wins", [TolerateUnreachable(null), TolerateUnreachable(5)], [Unreachable[1]], null },
        { "tolerate everything", [new("", "Exists", "", "")], [Unreachable[1], Dedicated[0]], null },
    };

    [Theory]
    [MemberData(nameof(Delays))]
    public void How_long_a_pod_may_stay_is_the_shortest_toleration_used(string name, Toleration[] tolerations, Taint[] taints, double? seconds)
    {
        var delay = PodEvictionPlanner.TolerationDelay(taints, tolerations);

        Assert.True(seconds is null ? delay is null : delay == TimeSpan.FromSeconds(seconds.Value), $"{name}: got {delay}");
    }

    [Theory]
    [InlineData("True", "True", false)]
    [InlineData("Unknown", "True", true)]
    [InlineData("False", "True", true)]
    [InlineData("Unknown", "False", false)]
    [InlineData("Unknown", null, false)]
    [InlineData(null, "True", false)]
    public void Pods_of_a_node_that_is_not_ready_are_marked_not_ready(string? nodeReady, string? podReady, bool mark)
    {
        var plan = PodEvictionPlanner.Plan(Pod([TolerateUnreachable(null), TolerateNotReady(null)], ready: podReady), nodeReady, [], Now);

        Assert.Equal(mark, plan.MarkNotReady);
        Assert.Equal(PodRemoval.None, plan.Removal);
    }

    [Fact]
    public void Pods_tolerating_for_ever_stay_and_are_forgotten()
    {
        var plan = PodEvictionPlanner.Plan(Pod([TolerateUnreachable(null)], exposedSince: Now), "Unknown", Unreachable, Now.AddDays(1));

        Assert.Equal(new PodPlan(MarkNotReady: true, PodRemoval.None), plan);
    }

    [Fact]
    public void Terminating_pods_on_an_unreachable_node_go_when_their_grace_period_is_over()
    {
        var terminating = Pod([], deletion: Now.AddSeconds(30));

        Assert.Equal(new PodPlan(true, PodRemoval.None, RecheckAt: Now.AddSeconds(30)), PodEvictionPlanner.Plan(terminating, "Unknown", Unreachable, Now));
        Assert.Equal(PodRemoval.ForceDelete, PodEvictionPlanner.Plan(terminating, "Unknown", Unreachable, Now.AddSeconds(30)).Removal);
    }

    [Theory]
    [InlineData("True")]
    [InlineData("False")]
    public void Terminating_pods_on_a_node_whose_kubelet_answers_are_left_to_it(string nodeReady)
    {
        var plan = PodEvictionPlanner.Plan(Pod([], deletion: Now.AddSeconds(-30)), nodeReady, Dedicated, Now);

        Assert.Equal(PodRemoval.None, plan.Removal);
        Assert.Null(plan.RecheckAt);
    }

    private static PodOnNode Pod(Toleration[] tolerations, string? ready = "True", DateTimeOffset? exposedSince = null, DateTimeOffset? deletion = null) =>
        new(deletion, ready, tolerations, exposedSince);
}
