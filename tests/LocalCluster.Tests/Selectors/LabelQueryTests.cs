using Kruise.Actors.LocalCluster.Selectors;

namespace Kruise.Actors.LocalCluster.Tests.Selectors;

public class LabelQueryTests
{
    private const string NameRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    // labels are written "k=v;k2=v2" to keep the table readable.
    [Theory]
    [InlineData(null, "", true)]
    [InlineData("", "app=web", true)]
    [InlineData("app=web", "app=web", true)]
    [InlineData("app=web", "app=db", false)]
    [InlineData("app=web", "", false)]
    [InlineData("app==web", "app=web", true)]
    [InlineData("app!=web", "", true)]
    [InlineData("app!=web", "app=db", true)]
    [InlineData("app!=web", "app=web", false)]
    [InlineData("env in (prod, staging)", "env=staging", true)]
    [InlineData("env in (prod,staging)", "env=dev", false)]
    [InlineData("env in (prod)", "", false)]
    [InlineData("env notin (prod)", "", true)]
    [InlineData("env notin (prod)", "env=prod", false)]
    [InlineData("tier", "tier=", true)]
    [InlineData("tier", "app=web", false)]
    [InlineData("!tier", "app=web", true)]
    [InlineData("!tier", "tier=x", false)]
    [InlineData("app=web,tier", "app=web;tier=fe", true)]
    [InlineData("app=web,tier", "app=web", false)]
    [InlineData("  app = web ,  !canary ", "app=web", true)]
    [InlineData("app=", "app=", true)]
    [InlineData("app=", "app=web", false)]
    [InlineData("x in (in)", "x=in", true)]
    [InlineData("x in (,b)", "x=", true)]
    [InlineData("x in ()", "x=", true)]
    [InlineData("apps.kruise.io/pod-template-hash=abc", "apps.kruise.io/pod-template-hash=abc", true)]
    [InlineData("n>3", "n=5", true)]
    [InlineData("n>3", "n=3", false)]
    [InlineData("n<3", "n=-1", true)]
    [InlineData("n<3", "n=x", false)]
    [InlineData("n<3", "", false)]
    public void Matches_like_the_api_server(string? selector, string labels, bool expected)
    {
        Assert.Equal(expected, LabelQuery.Parse(selector).Matches(Labels(labels)));
    }

    [Theory]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a in b", "unable to parse requirement: found 'b' expected: '('")]
    [InlineData("a in (b", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a,", "found '', expected: identifier after ','")]
    [InlineData("a=b,,c", "found ',', expected: identifier after ','")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("-a=b", "unable to parse requirement: <nil>: Invalid value: \"-a\": " + NameRule)]
    [InlineData("a=-b-", "unable to parse requirement: values[0][a]: Invalid value: \"-b-\": " + ValueRule)]
    [InlineData("a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty")]
    public void Rejects_bad_selectors_with_the_api_servers_message(string selector, string message)
    {
        var error = Assert.Throws<ApiException>(() => LabelQuery.Parse(selector));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Rejects_keys_with_a_bad_prefix_or_too_many_slashes()
    {
        var prefix = Assert.Throws<ApiException>(() => LabelQuery.Parse("Example.com/a=b"));
        Assert.StartsWith("unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part a lowercase RFC 1123 subdomain", prefix.Message);
        var slashes = Assert.Throws<ApiException>(() => LabelQuery.Parse("a/b/c"));
        Assert.Contains("a qualified name must consist of alphanumeric characters", slashes.Message);
        var tooLong = Assert.Throws<ApiException>(() => LabelQuery.Parse(new string('a', 64)));
        Assert.Contains("name part must be no more than 63 characters", tooLong.Message);
    }

    [Fact]
    public void Prints_the_canonical_form_sorted_by_key()
    {
        var query = LabelQuery.Parse("tier,app=web,env notin (b,a),!canary,n>3");
        Assert.Equal("app=web,!canary,env notin (a,b),n>3,tier", query.ToString());
        Assert.Equal(["app", "canary", "env", "n", "tier"], query.Requirements.Select(r => r.Key));
        Assert.True(LabelQuery.Parse("  ").IsEmpty);
    }

    private static Dictionary<string, string> Labels(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
}
