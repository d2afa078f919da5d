using System.Net;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.LocalCluster.Tests.Patching;

public class JsonPatchTests
{
    /// <summary>RFC 6902 Appendix A: the examples that succeed (A.13, a duplicate "op" key, is a parser matter).</summary>
    [Theory]
    [InlineData("A.1", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("A.2", """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("A.3", """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("A.4", """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("A.5", """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("A.6", """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("A.7", """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("A.8", """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("A.10", """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("A.11", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("A.14", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("A.16", """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    public void Rfc6902_examples_apply(string example, string document, string patch, string expected)
    {
        Assert.NotEmpty(example);
        Json.Equal(expected, JsonPatch.Apply(Json.Parse(document), Json.Parse(patch)));
    }

    /// <summary>RFC 6902 A.9, A.12, A.15 and other patches that decode but cannot apply: 422 Invalid, as the apiserver answers.</summary>
    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "test operation failed")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "missing path \"/baz/bat\"")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", "test operation failed")]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/b"}]""", "remove operation does not apply")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/b","value":2}]""", "replace operation does not apply")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/5","value":2}]""", "not an index from 0 to 1")]
    [InlineData("""{"a":[1]}""", """[{"op":"remove","path":"/a/-"}]""", "missing path")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"remove","path":"/a/01"}]""", "missing path")]
    [InlineData("""{"a":1}""", """[{"op":"frobnicate","path":"/a"}]""", "unknown op \"frobnicate\"")]
    [InlineData("""{"a":1}""", """[{"op":"add","value":1}]""", "needs a string \"path\"")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b"}]""", "needs a \"value\"")]
    [InlineData("""{"a":1}""", """[{"op":"move","path":"/b"}]""", "needs a string \"from\"")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", "into its own child")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"a","value":1}]""", "invalid JSON pointer")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/~2","value":1}]""", "invalid JSON pointer")]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":""}]""", "cannot remove the whole document")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":null}]""", "with null")]
    public void Patches_that_cannot_apply_are_422_Invalid(string document, string patch, string message)
    {
        var error = Json.Refused(HttpStatusCode.UnprocessableEntity, () => JsonPatch.Apply(Json.Parse(document), Json.Parse(patch)));
        Assert.Equal("Invalid", error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""")]
    [InlineData("""[1]""")]
    [InlineData("""["add"]""")]
    public void A_body_that_is_not_an_array_of_operations_is_400(string patch) =>
        Json.Refused(HttpStatusCode.BadRequest, () => JsonPatch.Apply(Json.Parse("{}"), Json.Parse(patch)));

    [Fact]
    public void More_than_10000_operations_is_413()
    {
        var patch = "[" + string.Join(",", Enumerable.Repeat("""{"op":"test","path":"","value":{}}""", JsonPatch.MaxOperations + 1)) + "]";
        Json.Refused(HttpStatusCode.RequestEntityTooLarge, () => JsonPatch.Apply(Json.Parse("{}"), Json.Parse(patch)));
    }

    [Fact]
    public void Pointers_unescape_tilde_and_slash_in_member_names()
    {
        var result = JsonPatch.Apply(
            Json.Parse("""{"metadata":{"labels":{"app.kubernetes.io/name":"x","a~b":"y"}}}"""),
            Json.Parse("""[{"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"z"},{"op":"remove","path":"/metadata/labels/a~0b"}]"""));
        Json.Equal("""{"metadata":{"labels":{"app.kubernetes.io/name":"z"}}}""", result);
    }

    [Fact]
    public void Operations_apply_in_sequence_and_see_earlier_results()
    {
        var result = JsonPatch.Apply(
            Json.Parse("""{"spec":{"replicas":1}}"""),
            Json.Parse("""
                [{"op":"test","path":"/spec/replicas","value":1.0},
                 {"op":"replace","path":"/spec/replicas","value":3},
                 {"op":"add","path":"/metadata","value":{"labels":{}}},
                 {"op":"copy","from":"/spec","path":"/metadata/labels/copy"},
                 {"op":"move","from":"/metadata/labels/copy/replicas","path":"/spec/moved"},
                 {"op":"add","path":"","value":{"whole":[1]}},
                 {"op":"add","path":"/whole/0","value":0}]
                """));
        Json.Equal("""{"whole":[0,1]}""", result);
    }

    [Fact]
    public void Test_of_null_passes_on_a_missing_path_like_the_apiserver() =>
        Json.Equal("""{"a":1}""", JsonPatch.Apply(Json.Parse("""{"a":1}"""), Json.Parse("""[{"op":"test","path":"/b","value":null}]""")));

    [Fact]
    public void Inputs_are_not_changed_and_a_failed_patch_changes_nothing()
    {
        const string document = """{"a":{"b":[1,2]},"c":"d"}""";
        const string patch = """[{"op":"move","from":"/a/b","path":"/b"},{"op":"copy","from":"/c","path":"/e"},{"op":"add","path":"/f","value":{"g":1}},{"op":"test","path":"/c","value":"x"}]""";
        var documentNode = Json.Parse(document);
        var patchNode = Json.Parse(patch);

        Json.Refused(HttpStatusCode.UnprocessableEntity, () => JsonPatch.Apply(documentNode, patchNode));
        var patchWithoutTest = Json.Parse(patch).AsArray();
        patchWithoutTest.RemoveAt(3);
        var result = JsonPatch.Apply(documentNode, patchWithoutTest);
        result["f"]!["g"] = 2;

        Json.Equal(document, documentNode);
        Json.Equal(patch, patchNode);
        Json.Equal("""{"g":1}""", patchWithoutTest[2]!["value"]);
    }
}
