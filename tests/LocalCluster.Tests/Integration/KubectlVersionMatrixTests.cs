using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Tests.OpenApi;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>
/// One kubectl session against servers reporting the oldest and newest minor versions installed:
/// /usr/bin/kubectl runs the client whose minor matches the server's, and the clients differ in
/// what they fetch (1.27 reads /openapi/v2 only as gnostic protobuf, for apply and explain; 1.33
/// uses /openapi/v3). Each case gets its own server and HOME, so no discovery cache is shared.
/// </summary>
public class KubectlVersionMatrixTests
{
    private const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: matrix}
        data: {mode: "{0}"}
        """;

    private const string CloneSet = """
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata: {name: web, namespace: matrix}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.25"}]
        """;

    [Theory]
    [InlineData("27")]
    [InlineData("33")]
    public async Task The_same_session_passes_with_the_server_reporting(string minor)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"kruise-actors-matrix-{minor}-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = folder, MinorVersion = minor, InMemory = true });
            await Session(minor, (arguments, stdin) => Kubectl.Run(server.KubeconfigPath, arguments, stdin, TimeSpan.FromSeconds(120)));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task Session(string minor, Func<string, string?, Task<KubectlResult>> kubectl)
    {
        async Task<KubectlResult> Run(string arguments, string? stdin = null) => (await kubectl(arguments, stdin)).Ok();

        // The dispatcher picked the client of the server's minor version.
        var version = JsonNode.Parse((await Run("version -o json")).Stdout);
        Assert.Equal((minor, minor), (JsonRead.Str(version, "clientVersion", "minor"), JsonRead.Str(version, "serverVersion", "minor")));

        Assert.Contains("namespace/matrix created", (await Run("create namespace matrix")).Stdout);
        Assert.Contains("configmap/settings created", (await Run("apply -f -", ConfigMap.Replace("{0}", "one", StringComparison.Ordinal))).Stdout);
        Assert.Contains("configmap/settings configured", (await Run("apply -f -", ConfigMap.Replace("{0}", "two", StringComparison.Ordinal))).Stdout);
        Assert.Equal("two", (await Run("get configmap settings -n matrix -o jsonpath={.data.mode}")).Stdout);

        Assert.Contains("clonesets.apps.kruise.io created", (await Run($"apply -f {TestResources.CloneSetCrdPath}")).Stdout);
        Assert.Contains("cloneset.apps.kruise.io/web created", (await Run("apply -f -", CloneSet)).Stdout);
        var table = (await Run("get cloneset -n matrix")).Stdout;
        Assert.Matches(@"^NAME\s+DESIRED\s+UPDATED\s+UPDATED_READY\s+UPDATED_AVAILABLE\s+READY\s+TOTAL\s+AGE", table);
        Assert.Matches(@"\nweb\s+2\s", table);
        await Run("get pods -n matrix -o wide");

        Assert.Contains("labeled", (await Run("label cloneset web -n matrix tier=front")).Stdout);
        Assert.Contains("scaled", (await Run("scale cloneset web -n matrix --replicas=3")).Stdout);
        Assert.Contains("patched", (await Run("""patch cloneset web -n matrix --type=merge -p "{\"spec\":{\"minReadySeconds\":5}}" """)).Stdout);
        var fields = (await Run("""get cloneset web -n matrix -o "jsonpath={.spec.replicas} {.spec.minReadySeconds} {.metadata.labels.tier}" """)).Stdout;
        Assert.Equal("3 5 front", fields);

        var explain = (await Run("explain cloneset.spec.updateStrategy")).Stdout;
        Assert.Contains("How pods move to a new revision of the template.", explain);
        Assert.Matches(@"partition\s+<", explain);

        Assert.Contains("deleted", (await Run("delete cloneset web -n matrix")).Stdout);
        Assert.Contains("deleted", (await Run("delete configmap settings -n matrix")).Stdout);
        var gone = await kubectl("get cloneset web -n matrix", null);
        Assert.Contains("NotFound", gone.Stderr);
        Assert.Contains("deleted", (await Run("delete namespace matrix")).Stdout); // waits for the namespace controller
        Assert.Contains("NotFound", (await kubectl("get namespace matrix", null)).Stderr);
    }
}
