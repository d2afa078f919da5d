using System.Net;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.LocalCluster.Tests.Patching;

/// <summary>Parsing and comparing JSON in patch tests (arrays compare in order, objects in any order).</summary>
public static class Json
{
    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    public static void Equal(string expected, JsonNode? actual)
    {
        var want = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(want, actual), $"expected {want?.ToJsonString()}\n     got {actual?.ToJsonString()}");
    }

    public static ApiException Refused(HttpStatusCode code, Action apply)
    {
        var error = Assert.Throws<ApiException>(apply);
        Assert.Equal(code, error.Code);
        return error;
    }

    /// <summary>Applies a strategic merge patch and checks neither input changed.</summary>
    public static JsonNode Strategic(string original, string patch, StrategicMergeSchema schema)
    {
        var originalNode = Parse(original);
        var patchNode = Parse(patch);
        var result = StrategicMergePatch.Apply(originalNode, patchNode, schema);
        Equal(original, originalNode);
        Equal(patch, patchNode);
        return result;
    }
}
