namespace Kruise.Actors.Kube;

/// <summary>Exponential backoff with full jitter between <see cref="Initial"/> and <see cref="Max"/>; pure but for the random source.</summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempt;

    public TimeSpan Initial { get; } = initial;
    public TimeSpan Max { get; } = max;

    public int Attempt => _attempt;

    /// <summary>The ceiling of the next delay: Initial * 2^attempt, capped at Max.</summary>
    public TimeSpan Ceiling => TimeSpan.FromTicks((long)Math.Min(Max.Ticks, Initial.Ticks * Math.Pow(2, Math.Min(_attempt, 30))));

    /// <summary>The delay before the next attempt: a random point in [ceiling/2, ceiling].</summary>
    public TimeSpan Next()
    {
        var ceiling = Ceiling;
        _attempt++;
        var half = ceiling.Ticks / 2;
        return TimeSpan.FromTicks(half + (long)(_random.NextDouble() * (ceiling.Ticks - half)));
    }

    public void Reset() => _attempt = 0;
}
