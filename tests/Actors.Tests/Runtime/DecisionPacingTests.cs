using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Tests.Runtime;

public sealed class DecisionPacingTests
{
    // Last decision's cost (ms), time since it ended (ms), expected wait (ms).
    [Theory]
    [InlineData(0.01, 0, 0.2)] // a small world: a fifth of a millisecond, i.e. at once
    [InlineData(0.5, 0, 10)] // a CloneSet of thousands of pods waits 20 times its cost
    [InlineData(0.5, 4, 6)] // the part of that already spent idle counts
    [InlineData(0.5, 10, 0)]
    [InlineData(0.5, 60_000, 0)] // idle for a minute: the next observation is decided on at once
    [InlineData(30, 0, 200)] // never more than the cap, however slow the last decision was
    [InlineData(30, 150, 50)]
    [InlineData(0, 0, 0)]
    public void The_wait_is_twenty_times_the_last_cost_less_the_idle_time_and_capped(double costMs, double idleMs, double expectedMs)
    {
        var wait = DecisionPacing.Delay(TimeSpan.FromMilliseconds(costMs), TimeSpan.FromMilliseconds(idleMs));

        Assert.Equal(expectedMs, wait.TotalMilliseconds, 3);
    }
}
