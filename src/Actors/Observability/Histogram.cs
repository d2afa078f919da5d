using System.Globalization;
using System.Text;

namespace Kruise.Actors.Observability;

/// <summary>A Prometheus histogram of seconds with fixed buckets; thread-safe.</summary>
public sealed class Histogram
{
    public static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;
    private readonly long[] _counts;
    private readonly Lock _gate = new();
    private double _sum;
    private long _count;

    public Histogram(double[]? bounds = null)
    {
        _bounds = bounds ?? LatencyBuckets;
        _counts = new long[_bounds.Length];
    }

    public void Observe(TimeSpan duration) => Observe(duration.TotalSeconds);

    public void Observe(double seconds)
    {
        lock (_gate)
        {
            for (var i = 0; i < _bounds.Length; i++)
            {
                if (seconds <= _bounds[i])
                    _counts[i]++;
            }
            _sum += seconds;
            _count++;
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    /// <summary>Writes the _bucket, _sum and _count lines; <paramref name="labels"/> is `k="v",...` or empty.</summary>
    public void WriteTo(StringBuilder text, string name, string labels)
    {
        long[] counts;
        double sum;
        long count;
        lock (_gate)
        {
            counts = (long[])_counts.Clone();
            sum = _sum;
            count = _count;
        }
        var prefix = labels.Length == 0 ? "" : labels + ",";
        for (var i = 0; i < _bounds.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{prefix}le=\"{_bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {counts[i]}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{prefix}le=\"+Inf\"}} {count}\n");
        var braces = labels.Length == 0 ? "" : "{" + labels + "}";
        text.Append(CultureInfo.InvariantCulture, $"{name}_sum{braces} {sum.ToString("R", CultureInfo.InvariantCulture)}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_count{braces} {count}\n");
    }
}
