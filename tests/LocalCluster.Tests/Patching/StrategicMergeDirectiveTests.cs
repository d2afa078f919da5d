using System.Net;
using Kruise.Actors.LocalCluster.Patching;

namespace Kruise.Actors.LocalCluster.Tests.Patching;

public class StrategicMergeDirectiveTests
{
    private static readonly StrategicMergeSchema Pod = StrategicMergeSchema.For("", "Pod");
    private static readonly StrategicMergeSchema Deployment = StrategicMergeSchema.For("apps", "Deployment");

    private const string RollingDeployment = """{"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""";

    [Fact]
    public void Retain_keys_clears_the_fields_it_does_not_list()
    {
        var result = Json.Strategic(RollingDeployment, """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""", Deployment);
        Json.Equal("""{"spec":{"replicas":1,"strategy":{"type":"Recreate"}}}""", result);
    }

    [Fact]
    public void Retain_keys_keeps_listed_fields_and_merges_into_them()
    {
        var result = Json.Strategic(
            RollingDeployment,
            """{"spec":{"strategy":{"$retainKeys":["type","rollingUpdate"],"rollingUpdate":{"maxUnavailable":0}}}}""",
            Deployment);
        Json.Equal("""{"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}""", result);
    }

    [Theory]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":2}}}}""", "not listed in $retainKeys")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":"type"}}}""", "retainKeys")]
    public void Retain_keys_that_do_not_cover_the_patch_are_400(string patch, string message)
    {
        var original = Json.Parse(RollingDeployment);
        var error = Json.Refused(HttpStatusCode.BadRequest, () => StrategicMergePatch.Apply(original, Json.Parse(patch), Deployment));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Json.Equal(RollingDeployment, original);
    }

    [Fact]
    public void Patch_replace_in_a_list_makes_the_patch_elements_the_whole_list()
    {
        var result = Json.Strategic(
            """{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"$patch":"replace"},{"name":"z","image":"z","env":[{"name":"E","value":null}]}]}}""",
            Pod);
        Json.Equal("""{"spec":{"containers":[{"name":"z","image":"z","env":[{"name":"E"}]}]}}""", result);
    }

    [Fact]
    public void Patch_replace_alone_empties_the_list() =>
        Json.Equal("""{"spec":{"containers":[]}}""",
            Json.Strategic("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"containers":[{"$patch":"replace"}]}}""", Pod));

    [Theory]
    [InlineData("""{"metadata":{"labels":{"$patch":"replace","only":"x"}}}""", """{"metadata":{"labels":{"only":"x"},"name":"p"}}""")]
    [InlineData("""{"metadata":{"labels":{"$patch":"delete"}}}""", """{"metadata":{"labels":{},"name":"p"}}""")]
    [InlineData("""{"metadata":{"labels":{"$patch":"merge","b":"2"}}}""", """{"metadata":{"labels":{"a":"1","b":"2"},"name":"p"}}""")]
    [InlineData("""{"metadata":{"annotations":{"$patch":"delete"}}}""", """{"metadata":{"labels":{"a":"1"},"name":"p"}}""")]
    [InlineData("""{"metadata":{"annotations":{"$patch":"replace","n":"1"}}}""", """{"metadata":{"labels":{"a":"1"},"annotations":{"n":"1"},"name":"p"}}""")]
    [InlineData("""{"$patch":"replace","kind":"Pod"}""", """{"kind":"Pod"}""")]
    public void Patch_directives_on_maps(string patch, string expected) =>
        Json.Equal(expected, Json.Strategic("""{"metadata":{"labels":{"a":"1"},"name":"p"}}""", patch, Pod));

    [Fact]
    public void Delete_directives_for_items_the_list_lacks_change_nothing() =>
        Json.Equal("""{"spec":{"containers":[{"name":"a"}]}}""",
            Json.Strategic("""{"spec":{"containers":[{"name":"a"}]}}""", """{"spec":{"containers":[{"$patch":"delete","name":"zz"}]}}""", Pod));

    [Fact]
    public void Delete_directive_removes_every_item_with_the_key() =>
        Json.Equal("""{"spec":{"containers":[{"name":"b"}]}}""",
            Json.Strategic("""{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"a","image":"dup"}]}}""", """{"spec":{"containers":[{"$patch":"delete","name":"a"}]}}""", Pod));

    /// <summary>The apiserver test "set elements order in a list with server-only items 3".</summary>
    [Fact]
    public void Set_element_order_keeps_server_only_items_between_their_neighbours()
    {
        var result = Json.Strategic(
            """{"spec":{"containers":[{"name":"1","other":"a"},{"name":"2","value":2},{"name":"7"},{"name":"9"},{"name":"8"},{"name":"3","value":3},{"name":"4","value":4}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"2"},{"name":"1"},{"name":"4"},{"name":"3"}]}}""",
            Pod);
        Json.Equal("""{"spec":{"containers":[{"name":"2","value":2},{"name":"1","other":"a"},{"name":"7"},{"name":"9"},{"name":"8"},{"name":"4","value":4},{"name":"3","value":3}]}}""", result);
    }

    /// <summary>The apiserver test "merge lists of scalars" (three-way): ordering then the server-only 4.</summary>
    [Fact]
    public void Set_element_order_orders_a_primitive_list()
    {
        var result = Json.Strategic(
            """{"spec":{"podCIDRs":["1","2","4"]}}""",
            """{"spec":{"$setElementOrder/podCIDRs":["1","2","3"],"podCIDRs":["3"]}}""",
            StrategicMergeSchema.For("", "Node"));
        Json.Equal("""{"spec":{"podCIDRs":["1","2","3","4"]}}""", result);
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"image":"x"}]}}""", "does not contain declared merge key: name")]
    [InlineData("""{"spec":{"containers":[{"$patch":"delete"}]}}""", "does not contain declared merge key: name")]
    [InlineData("""{"spec":{"containers":[{"$patch":"explode","name":"a"}]}}""", "unknown patch type: explode")]
    [InlineData("""{"spec":{"containers":[{"$patch":"merge","name":"a"}]}}""", "merging lists cannot yet be specified")]
    [InlineData("""{"spec":{"$patch":"explode"}}""", "unknown patch type: explode")]
    [InlineData("""{"spec":{"$patch":7}}""", "unknown patch type: 7")]
    [InlineData("""{"spec":{"containers":["a"]}}""", "list element types are not identical")]
    [InlineData("""{"spec":{"$setElementOrder/containers":[{"name":"b"}],"containers":[{"name":"a"}]}}""", "doesn't match the $setElementOrder/containers list")]
    [InlineData("""{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a"},{"name":"b"}]}}""", "doesn't match")]
    [InlineData("""{"spec":{"$setElementOrder/containers":{"name":"a"}}}""", "invalid patch format of setElementOrder list")]
    [InlineData("""{"spec":{"$setElementOrder":[]}}""", "invalid patch format of setElementOrder list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList":["a"]}}""", "invalid patch format of primitive list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""", "invalid patch format of primitive list")]
    public void Malformed_patches_are_400_and_change_nothing(string patch, string message)
    {
        const string pod = """{"metadata":{"finalizers":["a"]},"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""";
        var original = Json.Parse(pod);
        var error = Json.Refused(HttpStatusCode.BadRequest, () => StrategicMergePatch.Apply(original, Json.Parse(patch), Pod));
        Assert.Equal("BadRequest", error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Json.Equal(pod, original);
    }

    [Fact]
    public void Lists_of_lists_are_422() =>
        Json.Refused(HttpStatusCode.UnprocessableEntity, () =>
            StrategicMergePatch.Apply(Json.Parse("""{"metadata":{"finalizers":["a"]}}"""), Json.Parse("""{"metadata":{"finalizers":[["b"]]}}"""), Pod));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    public void A_patch_or_object_that_is_not_an_object_is_400(string json)
    {
        Json.Refused(HttpStatusCode.BadRequest, () => StrategicMergePatch.Apply(Json.Parse("{}"), Json.Parse(json), Pod));
        Json.Refused(HttpStatusCode.BadRequest, () => StrategicMergePatch.Apply(Json.Parse(json), Json.Parse("{}"), Pod));
    }

    [Fact]
    public void The_result_shares_no_nodes_with_the_inputs()
    {
        var original = Json.Parse("""{"metadata":{"labels":{"a":"1"}},"spec":{"containers":[{"name":"a","env":[{"name":"X"}]}],"tolerations":[{"key":"t"}]}}""");
        var patch = Json.Parse("""{"spec":{"containers":[{"name":"b","env":[{"name":"Y"}]}],"tolerations":[{"key":"u"}]}}""");
        var result = StrategicMergePatch.Apply(original, patch, Pod);

        result["metadata"]!["labels"]!["a"] = "changed";
        result["spec"]!["containers"]![0]!["env"]![0]!["name"] = "changed";
        result["spec"]!["containers"]![1]!["env"]![0]!["name"] = "changed";
        result["spec"]!["tolerations"]![0]!["key"] = "changed";

        Json.Equal("""{"metadata":{"labels":{"a":"1"}},"spec":{"containers":[{"name":"a","env":[{"name":"X"}]}],"tolerations":[{"key":"t"}]}}""", original);
        Json.Equal("""{"spec":{"containers":[{"name":"b","env":[{"name":"Y"}]}],"tolerations":[{"key":"u"}]}}""", patch);
    }
}
