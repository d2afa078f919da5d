using Kruise.Actors.LocalCluster.Faults;

namespace Kruise.Actors.LocalCluster.Tests.Faults;

public class FaultSpecTests
{
    [Fact]
    public void Every_fault_is_read_from_its_key()
    {
        var (options, problem) = FaultSpec.Parse("write-errors=0.15, error-codes=429/500, latency=20ms,drop-watch=10s,compact-every=1.5m,retry-after=2s,seed=-7");

        Assert.Null(problem);
        Assert.Equal(new FaultOptions
        {
            WriteErrorRate = 0.15,
            ErrorCodes = options!.ErrorCodes,
            Latency = TimeSpan.FromMilliseconds(20),
            WatchLifetime = TimeSpan.FromSeconds(10),
            CompactEvery = TimeSpan.FromSeconds(90),
            RetryAfter = TimeSpan.FromSeconds(2),
            Seed = -7,
        }, options);
        Assert.Equal([429, 500], options.ErrorCodes);
    }

    [Theory]
    [InlineData("write-errors=10%", 0.1)]
    [InlineData("write-errors=0", 0)]
    [InlineData("write-errors=1", 1)]
    [InlineData("write-errors=100%", 1)]
    public void Write_errors_are_a_fraction_or_a_percentage(string text, double rate)
    {
        var (options, problem) = FaultSpec.Parse(text);
        Assert.Null(problem);
        Assert.Equal(rate, options!.WriteErrorRate, 9);
        Assert.Equal(FaultOptions.SupportedErrorCodes, options.ErrorCodes);
    }

    [Theory]
    [InlineData("", "--faults needs a list of faults: ")]
    [InlineData("write-errors", "--faults: 'write-errors' is not key=value (")]
    [InlineData("chaos=1", "--faults: unknown fault 'chaos' (known: write-errors, error-codes, latency, drop-watch, compact-every, retry-after, seed)")]
    [InlineData("write-errors=1.5", "--faults: write-errors must be a fraction 0 to 1 or a percentage like 10%, got '1.5'")]
    [InlineData("write-errors=-0.1", "--faults: write-errors must be a fraction 0 to 1 or a percentage like 10%, got '-0.1'")]
    [InlineData("write-errors=lots", "--faults: write-errors must be a fraction 0 to 1 or a percentage like 10%, got 'lots'")]
    [InlineData("error-codes=409/503", "--faults: error-codes must be some of 409/429/500 separated by '/', got '409/503'")]
    [InlineData("error-codes=", "--faults: error-codes must be some of 409/429/500 separated by '/', got ''")]
    [InlineData("latency=20", "--faults: latency must be a duration like 500ms, 10s or 1m, got '20'")]
    [InlineData("drop-watch=10h", "--faults: drop-watch must be a duration like 500ms, 10s or 1m, got '10h'")]
    [InlineData("drop-watch=0s", "--faults: drop-watch must be longer than 0, got '0s'")]
    [InlineData("compact-every=0ms", "--faults: compact-every must be longer than 0, got '0ms'")]
    [InlineData("seed=x", "--faults: seed must be a whole number, got 'x'")]
    [InlineData("latency=1ms,latency=2ms", "--faults: 'latency' is given twice")]
    public void Bad_text_is_refused_in_one_line(string text, string start)
    {
        var (options, problem) = FaultSpec.Parse(text);
        Assert.Null(options);
        Assert.StartsWith(start, problem);
        Assert.DoesNotContain('\n', problem!);
    }

    [Fact]
    public void Latency_may_be_zero()
    {
        var (options, problem) = FaultSpec.Parse("latency=0ms");
        Assert.Null(problem);
        Assert.True(options!.IsNone);
    }
}
