using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Schemas;

namespace Kruise.Actors.LocalCluster.Tests.Schemas;

/// <summary>Go's renderings that appear verbatim in API server messages.</summary>
public class GoTextTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"\n", "\"say \\\"hi\\\"\\n\"")]
    [InlineData("tab\tbell\a", "\"tab\\tbell\\a\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    [InlineData("héllo ✓", "\"héllo ✓\"")]
    [InlineData("zero\u200bwidth", "\"zero\\u200bwidth\"")]
    public void Quote_is_strconv_Quote(string value, string expected) => Assert.Equal(expected, GoText.Quote(value));

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(100d, "100")]
    [InlineData(123456d, "123456")]
    [InlineData(1000000d, "1e+06")]
    [InlineData(1234567d, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    public void Float_v_is_fmt_percent_v(double value, string expected) => Assert.Equal(expected, GoText.FloatV(value));

    [Fact]
    public void Json_sorts_keys_and_formats_numbers_like_encoding_json() =>
        Assert.Equal(
            """{"a":[1,1.5,1e+21,1e-7],"b":"\u003cx\u003e","c":null}""",
            GoText.Json(JsonNode.Parse("""{ "c": null, "b": "<x>", "a": [1, 1.5, 1e21, 0.0000001] }""")));
}
