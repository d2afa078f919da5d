using System.Text.Json.Nodes;
using Kruise.Actors.Admission;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.Tests.Admission;

public sealed class JsonPatchDiffTests
{
    [Theory]
    [InlineData("""{"a":1}""", """{"a":1}""", "[]")]
    [InlineData("""{"a":1}""", """{"a":2}""", """[{"op":"replace","path":"/a","value":2}]""")]
    [InlineData("""{}""", """{"a":{"b":1}}""", """[{"op":"add","path":"/a","value":{"b":1}}]""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", """[{"op":"remove","path":"/b"}]""")]
    [InlineData("""{"l":[{"n":"x"},{"n":"y"}]}""", """{"l":[{"n":"x"},{"n":"y","p":"Always"}]}""", """[{"op":"add","path":"/l/1/p","value":"Always"}]""")]
    [InlineData("""{"l":[1]}""", """{"l":[1,2]}""", """[{"op":"replace","path":"/l","value":[1,2]}]""")]
    [InlineData("""{"m":{}}""", """{"m":{"apps.kruise.io/x~y":"1"}}""", """[{"op":"add","path":"/m/apps.kruise.io~1x~0y","value":"1"}]""")]
    public void Lists_the_operations_from_one_document_to_the_other(string from, string to, string expected)
    {
        var patch = JsonPatchDiff.Diff(JsonNode.Parse(from), JsonNode.Parse(to));

        Assert.Equal(expected, patch.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(to), JsonPatch.Apply(JsonNode.Parse(from)!, patch)));
    }
}
