using System.Net;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.LocalCluster.Tests.Patching;

public class MergePatchTests
{
    /// <summary>RFC 7386 Appendix A, every row but the null patch (below).</summary>
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    [InlineData("null", """{"a":{"b":null,"c":1}}""", """{"a":{"c":1}}""")]
    public void Rfc7386_examples_apply(string target, string patch, string expected)
    {
        var targetNode = System.Text.Json.Nodes.JsonNode.Parse(target);
        var patchNode = Json.Parse(patch);
        Json.Equal(expected, MergePatch.Apply(targetNode, patchNode));
        Json.Equal(target, targetNode);
        Json.Equal(patch, patchNode);
    }

    /// <summary>RFC 7386 makes a null patch yield null; the apiserver refuses it as a bad patch (ErrBadJSONPatch, 400).</summary>
    [Fact]
    public void A_null_patch_is_400() =>
        Json.Refused(HttpStatusCode.BadRequest, () => MergePatch.Apply(Json.Parse("""{"a":"foo"}"""), null!));

    [Fact]
    public void Labels_merge_and_the_result_shares_no_nodes_with_the_inputs()
    {
        var target = Json.Parse("""{"metadata":{"name":"p","labels":{"a":"1","b":"2"}},"spec":{"x":[1]}}""");
        var patch = Json.Parse("""{"metadata":{"labels":{"b":null,"c":"3"}},"spec":{"y":{"z":1}}}""");
        var result = MergePatch.Apply(target, patch);
        Json.Equal("""{"metadata":{"name":"p","labels":{"a":"1","c":"3"}},"spec":{"x":[1],"y":{"z":1}}}""", result);

        result["spec"]!["y"]!["z"] = 2;
        result["spec"]!["x"]!.AsArray().Add(2);
        Json.Equal("""{"metadata":{"labels":{"b":null,"c":"3"}},"spec":{"y":{"z":1}}}""", patch);
        Json.Equal("""{"metadata":{"name":"p","labels":{"a":"1","b":"2"}},"spec":{"x":[1]}}""", target);
    }
}
