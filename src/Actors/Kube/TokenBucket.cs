namespace Kruise.Actors.Kube;

/// <summary>
/// Client-side rate limit for API writes, like client-go's: <see cref="Qps"/> tokens a second,
/// at most <see cref="Burst"/> saved up. Each request reserves a token and waits until it is due,
/// so callers queue in order. Pure: the time is passed in.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double qps, int burst, DateTimeOffset now)
    {
        if (qps <= 0 || double.IsNaN(qps))
            throw new ArgumentOutOfRangeException(nameof(qps), qps, "QPS must be positive");
        if (burst < 1)
            throw new ArgumentOutOfRangeException(nameof(burst), burst, "burst must be at least 1");
        Qps = qps;
        Burst = burst;
        _tokens = burst;
        _last = now;
    }

    public double Qps { get; }
    public int Burst { get; }

    /// <summary>Reserves one token; returns how long to wait before using it (zero when one is available now).</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now > _last)
            {
                _tokens = Math.Min(Burst, _tokens + (now - _last).TotalSeconds * Qps);
                _last = now;
            }
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Qps);
        }
    }
}
