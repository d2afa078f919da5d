using System.Text.Json.Nodes;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Tests.Planning.Revisions;

public sealed class GoJsonTests
{
    [Theory]
    [InlineData("""{"b":1,"a":{"d":true,"c":null}}""", """{"a":{"c":null,"d":true},"b":1}""")]
    [InlineData("""{"$patch":"replace","Z":1,"a":2}""", """{"$patch":"replace","Z":1,"a":2}""")]
    [InlineData("""{"cmd":"a<b && c>d"}""", """{"cmd":"a\u003cb \u0026\u0026 c\u003ed"}""")]
    [InlineData("""{"s":"line\nnext\ttab \"q\" \\ é"}""", """{"s":"line\nnext\ttab \"q\" \\ é"}""")]
    [InlineData("""{"s":"\u0001\u2028"}""", """{"s":"\u0001\u2028"}""")]
    [InlineData("""{"n":[30,1.5,-2,0]}""", """{"n":[30,1.5,-2,0]}""")]
    public void Writes_compact_sorted_json_with_Gos_escaping(string input, string expected) =>
        Assert.Equal(expected, GoJson.Serialize(JsonNode.Parse(input)));
}
