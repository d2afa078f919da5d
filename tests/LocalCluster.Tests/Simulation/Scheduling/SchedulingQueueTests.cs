using Kruise.Actors.LocalCluster.Simulation.Scheduling;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

/// <summary>Which pod is tried next, and when a pod that did not fit is tried again.</summary>
public class SchedulingQueueTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SchedulerOptions Options = new() { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10), UnschedulableRetry = TimeSpan.FromMinutes(5) };

    private static List<string> Drain(SchedulingQueue queue, DateTimeOffset now)
    {
        var order = new List<string>();
        while (queue.TryNext(now, out var uid))
            order.Add(uid);
        return order;
    }

    [Fact]
    public void Higher_priority_first_then_in_arrival_order()
    {
        var queue = new SchedulingQueue(Options);
        queue.Add("a", 0);
        queue.Add("b", 100);
        queue.Add("c", 0);
        queue.Add("d", 100);
        queue.Add("a", 0);
        Assert.Equal(["b", "d", "a", "c"], Drain(queue, T0));
    }

    [Fact]
    public void An_unschedulable_pod_waits_for_a_cluster_change_and_its_backoff()
    {
        var queue = new SchedulingQueue(Options);
        queue.Add("p", 0);
        Assert.Equal(["p"], Drain(queue, T0));
        queue.Unschedulable("p", T0);
        Assert.Empty(Drain(queue, T0.AddSeconds(30)));
        queue.ClusterChanged(T0.AddSeconds(30));
        Assert.Equal(["p"], Drain(queue, T0.AddSeconds(30)));

        // A change soon after the failure still waits out the backoff (2 s after the second failure).
        queue.Unschedulable("p", T0.AddSeconds(30));
        queue.ClusterChanged(T0.AddSeconds(30.5));
        Assert.Empty(Drain(queue, T0.AddSeconds(31.9)));
        Assert.Equal(T0.AddSeconds(32), queue.NextDue());
        Assert.Equal(["p"], Drain(queue, T0.AddSeconds(32)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(40, 10)]
    public void Backoff_doubles_per_failed_attempt_up_to_the_maximum(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new SchedulingQueue(Options).Backoff(attempts));

    [Fact]
    public void Without_any_change_an_unschedulable_pod_is_tried_again_after_the_retry_period()
    {
        var queue = new SchedulingQueue(Options);
        queue.Add("p", 0);
        Drain(queue, T0);
        queue.Unschedulable("p", T0);
        Assert.Equal(T0.AddMinutes(5), queue.NextDue());
        Assert.Empty(Drain(queue, T0.AddMinutes(4)));
        Assert.Equal(["p"], Drain(queue, T0.AddMinutes(5)));
    }

    [Fact]
    public void A_retried_binding_waits_its_backoff_and_a_removed_pod_is_never_returned()
    {
        var queue = new SchedulingQueue(Options);
        queue.Add("p", 0);
        queue.Add("gone", 0);
        Drain(queue, T0);
        queue.Retry("p", 0, T0);
        queue.Remove("gone");
        Assert.Empty(Drain(queue, T0.AddMilliseconds(999)));
        Assert.Equal(["p"], Drain(queue, T0.AddSeconds(1)));
        queue.Add("x", 0);
        queue.Remove("x");
        Assert.Empty(Drain(queue, T0.AddSeconds(2)));
        Assert.False(queue.Contains("x"));
    }

    [Fact]
    public void An_update_to_an_unschedulable_pod_brings_it_back()
    {
        var queue = new SchedulingQueue(Options);
        queue.Add("p", 0);
        Drain(queue, T0);
        queue.Unschedulable("p", T0);
        queue.Updated("p", 0, T0.AddSeconds(5));
        Assert.Equal(["p"], Drain(queue, T0.AddSeconds(5)));
    }
}
