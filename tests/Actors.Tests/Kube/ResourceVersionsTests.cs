using System.Text;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class ResourceVersionsTests
{
    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"ns","resourceVersion":"4711","labels":{"resourceVersion":"x"}},"spec":{}}""", "4711")]
    [InlineData("""{"kind":"Pod","spec":{"metadata":{"resourceVersion":"1"}},"metadata":{"labels":{"a":"b"},"resourceVersion":"9"}}""", "9")] // only the top-level metadata
    [InlineData("""{"kind":"Status","apiVersion":"v1","status":"Success","details":{"name":"web-1"}}""", null)] // a delete answered with a Status
    [InlineData("""{"metadata":{"name":"x"}}""", null)]
    [InlineData("""{"metadata":{"resourceVersion":12}}""", null)] // not a string: not a resourceVersion
    [InlineData("""[1,2]""", null)]
    [InlineData("""not json""", null)]
    [InlineData("", null)]
    public void The_version_is_read_from_the_top_level_metadata(string json, string? expected)
    {
        Assert.Equal(expected, ResourceVersions.Of(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("12", "12", true)]
    [InlineData("13", "12", true)]
    [InlineData("11", "12", false)]
    [InlineData("100", "99", true)] // as numbers, not as text
    [InlineData("b", "a", null)] // not integers: only equality is known
    [InlineData("a", "a", true)]
    [InlineData(null, "12", null)]
    public void Versions_are_ordered_only_as_integers(string? observed, string written, bool? atLeast)
    {
        Assert.Equal(atLeast, ResourceVersions.IsAtLeast(observed, written));
    }
}
