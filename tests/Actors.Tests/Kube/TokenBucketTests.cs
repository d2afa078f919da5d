using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_bucket_lets_a_burst_through_at_once_then_spaces_requests_by_qps()
    {
        var bucket = new TokenBucket(qps: 10, burst: 3, T0);

        var waits = Enumerable.Range(0, 5).Select(_ => bucket.Reserve(T0)).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], waits);
    }

    [Fact]
    public void Tokens_refill_with_time_up_to_the_burst()
    {
        var bucket = new TokenBucket(qps: 2, burst: 2, T0);
        bucket.Reserve(T0);
        bucket.Reserve(T0);

        Assert.Equal(TimeSpan.Zero, bucket.Reserve(T0.AddSeconds(0.5)));
        // A long idle period saves up only `burst` tokens.
        var later = T0.AddMinutes(1);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(later));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(later));
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Reserve(later));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(5, 0)]
    public void Nonsense_limits_are_refused(double qps, int burst) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(qps, burst, T0));
}
