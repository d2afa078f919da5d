using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Protobuf;

namespace Kruise.Actors.LocalCluster.Tests.Protobuf;

/// <summary>
/// Every body real kubectl 1.32 and 1.33 sent (Fixtures/kubectl-*/*.b64) decodes to exactly the
/// JSON the same command prints with --dry-run=client -o json, field order included.
/// </summary>
public class KubeProtobufFixtureTests
{
    public static TheoryData<string> Cases => [.. Fixtures.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Captured_body_decodes_to_the_json_kubectl_prints(string name)
    {
        var decoded = KubeProtobuf.Decode(Fixtures.Body(name));

        var expected = WithoutNullCreationTimestamps(Fixtures.ExpectedJson(name));
        Assert.Equal(Fixtures.Text(expected), Fixtures.Text(decoded));
    }

    [Fact]
    public void Every_fixture_has_its_expected_json()
    {
        Assert.NotEmpty(Fixtures.Names);
        Assert.All(Fixtures.Names, n => Assert.True(File.Exists(Path.Combine(Fixtures.Directory, n + ".json")), n));
    }

    [Fact]
    public void Fixtures_cover_every_supported_kind()
    {
        var captured = Fixtures.Names
            .Select(n => Fixtures.ExpectedJson(n))
            .Select(o => $"{o["apiVersion"]} {o["kind"]}")
            .ToHashSet();

        Assert.All(KubeProtobuf.SupportedKinds, kind => Assert.Contains(kind, captured));
    }

    [Fact]
    public void Secret_data_stays_base64_as_in_json()
    {
        var secret = KubeProtobuf.Decode(Fixtures.Body("kubectl-1.32/secret-generic"));

        Assert.Equal("czNjcjxldD4m", (string?)secret["data"]!["password"]); // "s3cr<et>&"
        Assert.Equal("Opaque", (string?)secret["type"]);
    }

    [Fact]
    public void Named_and_numbered_ports_keep_their_json_types()
    {
        var lb = KubeProtobuf.Decode(Fixtures.Body("kubectl-1.32/service-loadbalancer"));
        var clusterIp = KubeProtobuf.Decode(Fixtures.Body("kubectl-1.32/service-clusterip"));

        Assert.Equal("http", (string?)lb["spec"]!["ports"]![0]!["targetPort"]);
        Assert.Equal(8080, (int?)clusterIp["spec"]!["ports"]![0]!["targetPort"]);
    }

    /// <summary>
    /// kubectl 1.32 prints "creationTimestamp": null for the zero time; apimachinery 1.33+
    /// marks the field omitzero and the decoder follows that (the server sets the time anyway).
    /// It is the only difference between the bodies and the dry-run output.
    /// </summary>
    private static JsonObject WithoutNullCreationTimestamps(JsonObject node)
    {
        Strip(node);
        return node;

        static void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    if (o.TryGetPropertyValue("creationTimestamp", out var ts) && ts is null)
                    {
                        o.Remove("creationTimestamp");
                    }
                    foreach (var child in o.Select(p => p.Value).ToList())
                    {
                        Strip(child);
                    }
                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }
                    break;
            }
        }
    }
}
