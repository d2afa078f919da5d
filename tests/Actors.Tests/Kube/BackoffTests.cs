using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class BackoffTests
{
    private static readonly int[] ExpectedMilliseconds = [100, 200, 400, 800, 1000, 1000];

    [Fact]
    public void Ceilings_double_up_to_the_maximum_and_reset()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(7));
        var ceilings = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            ceilings.Add(backoff.Ceiling);
            var delay = backoff.Next();
            Assert.InRange(delay, ceilings[^1] / 2, ceilings[^1]);
        }

        Assert.Equal(ExpectedMilliseconds.Select(ms => TimeSpan.FromMilliseconds(ms)), ceilings);
        backoff.Reset();
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Ceiling);
    }
}
