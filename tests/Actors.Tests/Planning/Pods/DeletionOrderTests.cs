using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Tests.Planning.Fixtures;

namespace Kruise.Actors.Tests.Planning.Pods;

public sealed class DeletionOrderTests
{
    private static IEnumerable<string> Order(params ObservedPod[] pods) =>
        DeletionOrder.Sort(pods, p => PodAvailability.IsAvailable(p, 0, TestPods.T0)).Select(p => p.Name);

    [Fact]
    public void Unscheduled_before_pending_before_not_ready_before_ready() =>
        Assert.Equal(["web-unsch", "web-pend", "web-notrd", "web-ready"],
            Order(TestPods.Running("web-ready"), TestPods.NotReady("web-notrd"), TestPods.Pending("web-pend"), TestPods.Unscheduled("web-unsch")));

    [Fact]
    public void Among_ready_pods_lower_deletion_cost_goes_first() =>
        Assert.Equal(["web-cheap", "web-plain", "web-dear"],
            Order(TestPods.Running("web-dear", node: "n1").WithAnnotation(DeletionOrder.DeletionCostAnnotation, "100"),
                TestPods.Running("web-plain", node: "n2"),
                TestPods.Running("web-cheap", node: "n3").WithAnnotation(DeletionOrder.DeletionCostAnnotation, "-5")));

    [Fact]
    public void Malformed_deletion_cost_counts_as_zero() =>
        Assert.Equal(["web-a", "web-b"],
            Order(TestPods.Running("web-b", node: "n2").WithAnnotation(DeletionOrder.DeletionCostAnnotation, "+7"),
                TestPods.Running("web-a", node: "n1").WithAnnotation(DeletionOrder.DeletionCostAnnotation, "007")));

    [Fact]
    public void Crowded_nodes_are_thinned_first() =>
        Assert.Equal("web-n1b",
            Order(TestPods.Running("web-n1a", node: "n1", readyForSeconds: 900), TestPods.Running("web-n1b", node: "n1", readyForSeconds: 100),
                TestPods.Running("web-n2a", node: "n2", readyForSeconds: 50)).First());

    [Fact]
    public void Ready_for_less_time_goes_before_long_ready() =>
        Assert.Equal(["web-new", "web-old"],
            Order(TestPods.Running("web-old", node: "n1", readyForSeconds: 900), TestPods.Running("web-new", node: "n2", readyForSeconds: 60)));

    [Fact]
    public void More_restarts_then_newer_go_first()
    {
        var readyAt = TestPods.T0.AddMinutes(-5);
        ObservedPod Pod(string name, string node, int restarts, int ageMinutes) =>
            TestPods.Running(name, node: node) with { ReadySince = readyAt, MaxRestarts = restarts, CreatedAt = TestPods.T0.AddMinutes(-ageMinutes) };

        Assert.Equal(["web-crash", "web-young", "web-aged"],
            Order(Pod("web-aged", "n1", 0, 60), Pod("web-young", "n2", 0, 10), Pod("web-crash", "n3", 4, 60)));
    }

    [Fact]
    public void Unavailable_under_min_ready_seconds_goes_before_available()
    {
        var pods = new[] { TestPods.Running("web-long", node: "n1", readyForSeconds: 120), TestPods.Running("web-fresh", node: "n2", readyForSeconds: 5) };

        Assert.Equal(["web-fresh", "web-long"], DeletionOrder.Sort(pods, p => PodAvailability.IsAvailable(p, 30, TestPods.T0)).Select(p => p.Name));
    }

    [Fact]
    public void Choose_takes_the_first_in_order_and_never_more_than_there_are()
    {
        var pods = new[] { TestPods.Running("web-a"), TestPods.NotReady("web-b") };

        Assert.Equal(["web-b"], DeletionOrder.Choose(pods, 1, _ => true).Select(p => p.Name));
        Assert.Equal(2, DeletionOrder.Choose(pods, 5, _ => true).Count);
        Assert.Empty(DeletionOrder.Choose(pods, 0, _ => true));
    }
}
