namespace Kruise.Actors.LocalCluster.Tests.Integration;

public class KubectlBasicsTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Kubectl_reaches_the_server_over_https_with_the_token()
    {
        var version = (await cluster.Kubectl("version -o json")).Ok();
        Assert.Contains("\"minor\": \"32\"", version.Stdout);
        var namespaces = (await cluster.Kubectl("get namespaces -o name")).Ok();
        Assert.Contains("namespace/default", namespaces.Stdout);
        Assert.Contains("namespace/kube-system", namespaces.Stdout);
    }
}
