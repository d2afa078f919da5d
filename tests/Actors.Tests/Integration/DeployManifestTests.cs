using System.Text.Json.Nodes;
using Kruise.Actors.Admission;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Tests.Integration;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// deploy/ as an operator installs it: rendered by real `kubectl kustomize` and applied to a fresh
/// embedded cluster, every object is accepted.
/// </summary>
public sealed class DeployManifestTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-deploy-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalApiServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = _folder, InMemory = true });

    private Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => LocalCluster.Tests.Integration.Kubectl.Run(_server.KubeconfigPath, arguments, stdin);

    [Fact]
    public async Task Kustomize_renders_deploy_and_the_cluster_accepts_every_object_with_the_webhooks_failing_closed_until_a_replica_serves_them()
    {
        var rendered = (await Kubectl($"kustomize {Path.Combine(RepoRoot(), "deploy")}")).Ok().Stdout;
        var kinds = rendered.Split('\n').Where(l => l.StartsWith("kind: ", StringComparison.Ordinal)).Select(l => l[6..].Trim()).ToList();
        Assert.Equal(12, kinds.Count(k => k == "CustomResourceDefinition"));
        Assert.Contains("StatefulSet", kinds);

        var applied = (await Kubectl("apply -f -", rendered)).Ok();
        var created = applied.Lines.Where(l => l.EndsWith(" created", StringComparison.Ordinal)).ToList();
        Assert.Equal(kinds.Count, created.Count);

        var statefulSet = (await Kubectl("get statefulset kruise-actors -n kruise-system -o jsonpath={.spec.replicas}/{.spec.serviceName}")).Ok().Stdout;
        Assert.Equal("3/kruise-actors-cluster", statefulSet);
        Assert.Equal("2", (await Kubectl("get pdb kruise-actors -n kruise-system -o jsonpath={.spec.minAvailable}")).Ok().Stdout);
        Assert.Contains("kruise-actors-validating", (await Kubectl("get validatingwebhookconfigurations")).Ok().Stdout, StringComparison.Ordinal);

        // Every replica finds the shared webhook certificate Secret in its own namespace, and may
        // create it and read and update it, nothing else in that namespace.
        var podSpec = JsonNode.Parse((await Kubectl("get statefulset kruise-actors -n kruise-system -o json")).Ok().Stdout)!["spec"]!["template"]!["spec"]!;
        var env = podSpec["containers"]![0]!["env"]!.AsArray();
        var podNamespace = Assert.Single(env, e => e!["name"]!.GetValue<string>() == "POD_NAMESPACE")!;
        Assert.Equal("metadata.namespace", podNamespace["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        var secret = WebhookSecret.ForNamespace("kruise-system");
        var role = JsonNode.Parse((await Kubectl($"get role kruise-actors-webhook-certs -n {secret.Namespace} -o json")).Ok().Stdout)!;
        var rules = role["rules"]!.AsArray().Select(r => (
            Resources: string.Join(",", r!["resources"]!.AsArray().Select(x => x!.GetValue<string>())),
            Names: string.Join(",", r["resourceNames"]?.AsArray().Select(x => x!.GetValue<string>()) ?? []),
            Verbs: string.Join(",", r["verbs"]!.AsArray().Select(x => x!.GetValue<string>())))).ToList();
        Assert.Equal([("secrets", "", "create"), ("secrets", secret.Name, "get,update")], rules);
        var binding = JsonNode.Parse((await Kubectl($"get rolebinding kruise-actors-webhook-certs -n {secret.Namespace} -o json")).Ok().Stdout)!;
        Assert.Equal("kruise-actors-webhook-certs", binding["roleRef"]!["name"]!.GetValue<string>());
        var subject = Assert.Single(binding["subjects"]!.AsArray())!;
        Assert.Equal(podSpec["serviceAccountName"]!.GetValue<string>(), subject["name"]!.GetValue<string>());
        Assert.Equal("kruise-system", subject["namespace"]!.GetValue<string>());

        // No replica runs here (no StatefulSet controller), so the CloneSet webhooks are down:
        // failurePolicy Fail refuses the create rather than letting an unvalidated object in.
        (await Kubectl("create namespace demo")).Ok();
        var refused = await Kubectl("apply -f -", File.ReadAllText(Path.Combine(RepoRoot(), "examples", "cloneset.yaml")));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("failed calling webhook \"default.clonesets.kruise-actors.io\"", refused.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Kubectl("get cloneset web -n demo")).ExitCode);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
