using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tables;

namespace Kruise.Actors.LocalCluster.Tests.Tables;

public class JsonPathQueryTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"spec":{"replicas":3,"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]},
         "metadata":{"labels":{"app.kubernetes.io/name":"web"}},"status":{"gone":null}}
        """)!;

    [Theory]
    [InlineData(".spec.replicas", "3")]
    [InlineData("{.spec.replicas}", "3")]
    [InlineData("$.spec.replicas", "3")]
    [InlineData(".spec.containers[*].name", "\"a\",\"b\"")]
    [InlineData(".spec.containers[1].image", "\"y\"")]
    [InlineData(".spec.containers[-1].name", "\"b\"")]
    [InlineData(".spec.containers[5].name", "")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "\"web\"")]
    [InlineData(".metadata.labels[\"app.kubernetes.io/name\"]", "\"web\"")]
    [InlineData(@".metadata.labels.app\.kubernetes\.io/name", "\"web\"")]
    [InlineData(".spec.containers[0].*", "\"a\",\"x\"")]
    [InlineData(".spec.missing.deeper", "")]
    [InlineData(".status.gone", "null")]
    public void Evaluates_the_printer_column_subset(string path, string expected)
    {
        var results = JsonPathQuery.TryParse(path)!.Evaluate(Doc);
        Assert.Equal(expected, string.Join(",", results.Select(r => r?.ToJsonString() ?? "null")));
    }

    [Theory]
    [InlineData("spec.replicas")]
    [InlineData(".spec..replicas")]
    [InlineData(".spec.containers[")]
    [InlineData(".spec.containers[?(@.name=='a')]")]
    public void Rejects_paths_outside_the_subset(string path)
    {
        Assert.Null(JsonPathQuery.TryParse(path));
    }
}
