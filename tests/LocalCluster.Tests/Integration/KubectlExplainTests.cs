namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>`kubectl explain` reads field documentation from the server's OpenAPI v3 documents.</summary>
public class KubectlExplainTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Explain_describes_built_in_fields()
    {
        var image = (await cluster.Kubectl("explain pods.spec.containers.image")).Ok().Stdout;
        Assert.Matches(@"(?m)^KIND:\s+Pod$", image);
        Assert.Matches(@"(?m)^VERSION:\s+v1$", image);
        Assert.Matches(@"(?m)^FIELD:\s+image <string>$", image);
        Assert.Contains("Container image name.", image);

        var replicas = (await cluster.Kubectl("explain deployment.spec.replicas")).Ok().Stdout;
        Assert.Matches(@"(?m)^GROUP:\s+apps$", replicas);
        Assert.Matches(@"(?m)^FIELD:\s+replicas <integer>$", replicas);

        var unknown = (await cluster.Kubectl("explain pods.spec.nothing")).Fails();
        Assert.Contains("field \"nothing\" does not exist", unknown.Stderr);
    }

    [Fact]
    public async Task Explain_lists_a_kinds_fields_with_their_types()
    {
        var service = (await cluster.Kubectl("explain service.spec")).Ok().Stdout;

        Assert.Matches(@"(?m)^FIELD:\s+spec <ServiceSpec>$", service);
        Assert.Matches(@"(?m)^  ports\s+<\[\]ServicePort>$", service);
        Assert.Matches(@"(?m)^  selector\s+<map\[string\]string>$", service);
    }
}
