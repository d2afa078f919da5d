using Kruise.Actors.LocalCluster.Simulation.Scheduling;

namespace Kruise.Actors.LocalCluster.Tests.Simulation.Scheduling;

public class QuantitiesTests
{
    [Theory]
    [InlineData("1", 1000)]
    [InlineData("250m", 250)]
    [InlineData("0.5", 500)]
    [InlineData("1.0005", 1001)] // rounded up, as MilliValue does
    [InlineData("100000n", 1)]
    [InlineData("2e3", 2_000_000)]
    [InlineData("1k", 1_000_000)]
    [InlineData("", 0)]
    [InlineData("lots", 0)]
    [InlineData("1.2.3", 0)]
    public void Cpu_reads_as_millicores(string text, long expected) =>
        Assert.Equal(expected, Quantities.For("cpu", text));

    [Theory]
    [InlineData("128Mi", 128L * 1024 * 1024)]
    [InlineData("1Gi", 1024L * 1024 * 1024)]
    [InlineData("1G", 1_000_000_000)]
    [InlineData("1.5Ki", 1536)]
    [InlineData("500m", 1)] // half a byte rounds up to one
    [InlineData("3E", 3_000_000_000_000_000_000)]
    [InlineData("12e2", 1200)]
    [InlineData("9Ei", long.MaxValue)] // beyond a long: saturates instead of failing
    public void Other_resources_read_as_units(string text, long expected) =>
        Assert.Equal(expected, Quantities.For("memory", text));
}
