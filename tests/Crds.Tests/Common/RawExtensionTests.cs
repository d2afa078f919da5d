using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;

namespace Kruise.Actors.Crds.Tests.Common;

public class RawExtensionTests
{
    public sealed class Holder
    {
        [JsonPropertyName("patch")]
        public RawExtension? Patch { get; set; }
    }

    [Fact]
    public void Yaml_scalars_keep_their_types()
    {
        const string yaml = """
            patch:
              quoted: "42"
              number: 42
              ratio: 0.5
              flag: true
              quotedFlag: "true"
              empty: null
              list: [a, 1, "2"]
            """;
        var holder = KubernetesYaml.Deserialize<Holder>(yaml);
        Assert.Equal("""{"patch":{"quoted":"42","number":42,"ratio":0.5,"flag":true,"quotedFlag":"true","empty":null,"list":["a",1,"2"]}}""",
            KubernetesJson.Serialize(holder));
        var again = KubernetesYaml.Deserialize<Holder>(KubernetesYaml.Serialize(holder));
        Assert.True(JsonNode.DeepEquals(holder.Patch!.Value, again.Patch!.Value));
    }

    [Fact]
    public void Json_copies_are_equal_and_independent()
    {
        var holder = new Holder { Patch = RawExtension.Parse("""{"metadata":{"labels":{"zone":"a"}}}""") };
        var copy = ObjectCopy.Clone(holder);
        Assert.Equal(KubernetesJson.Serialize(holder), KubernetesJson.Serialize(copy));
        copy.Patch!.AsObject()!["metadata"]!["labels"]!["zone"] = "b";
        Assert.Equal("a", holder.Patch!.Value!["metadata"]!["labels"]!["zone"]!.GetValue<string>());
    }

    [Fact]
    public void Semantic_equality_treats_unset_and_empty_alike()
    {
        Assert.True(SemanticEquality.Equal(new V1NodeSelectorTerm(), new V1NodeSelectorTerm { MatchExpressions = [] }));
        Assert.True(SemanticEquality.Equal((IList<V1Toleration>?)null, new List<V1Toleration>()));
        Assert.False(SemanticEquality.Equal(new V1Toleration { Key = "a" }, new V1Toleration { Key = "b" }));
    }
}
