using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using k8s;
using Kruise.Actors.Admission;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Tests.Cli;
using Kruise.Actors.Tests.Persistence;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// Three `kruise-actors run` processes serving the webhooks on their own loopback ports: the one
/// the configurations name is killed with SIGKILL, and CloneSet creates are validated again by a
/// survivor (three replicas: keep-majority keeps the two survivors whichever one dies).
/// </summary>
public sealed partial class WebhookCrashFailoverTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-webhook-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly TestPostgres _journal = new();
    private readonly List<(RunningCli Process, int WebhookPort)> _replicas = [];
    private LocalApiServer _server = null!;

    [GeneratedRegex(@"admission webhooks on port (\d+):")]
    private static partial Regex WebhookPort();

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = _folder, InMemory = true });
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!));
    }

    private async Task Replica(int clusterPort, int seedPort)
    {
        var run = KruiseActorsCli.Start("run", "--kubeconfig", _server.KubeconfigPath, "--journal", "postgres:" + _journal.Target.ConnectionString,
            "--cluster-port", clusterPort.ToString(CultureInfo.InvariantCulture), "--seed", $"127.0.0.1:{seedPort}",
            "--http-port", "0", "--webhook-port", "0", "--log-level", "WARNING");
        await Eventually.True(() => run.HasExited || run.Lines.Any(l => WebhookPort().IsMatch(l)), "the replica announces its webhook port", seconds: 120);
        Assert.False(run.HasExited, "the replica exited while starting");
        var port = int.Parse(WebhookPort().Match(run.Lines.First(l => WebhookPort().IsMatch(l))).Groups[1].Value, CultureInfo.InvariantCulture);
        _replicas.Add((run, port));
    }

    [Fact]
    public async Task When_the_replica_the_configurations_name_is_killed_a_survivor_validates_CloneSet_creates_again()
    {
        var seed = FreePort();
        await Replica(seed, seed);
        await Replica(FreePort(), seed);
        await Replica(FreePort(), seed);
        // All three Up before the kill: a member still joining does not count for keep-majority, and
        // 1 against 1 keeps the lowest address (the killed seed), downing the survivors.
        foreach (var (process, _) in _replicas)
            await Eventually.True(() => Ready(process), "every replica is Up and ready", seconds: 120);
        var named = await NamedPort();
        var victim = Assert.Single(_replicas, r => r.WebhookPort == named);

        using (var process = Process.GetProcessById(victim.Process.ProcessId))
            process.Kill();
        await victim.Process.DisposeAsync();
        _replicas.Remove(victim);

        var survivors = _replicas.Select(r => r.WebhookPort).ToList();
        try
        {
            await Eventually.True(async () => survivors.Contains(await NamedPort()), "the configurations name a surviving replica", seconds: 120);
        }
        catch
        {
            foreach (var (process, port) in _replicas)
                output.WriteLine($"replica with webhook port {port} (exited: {process.HasExited}):\n  " + string.Join("\n  ", process.Lines.TakeLast(40)));
            throw;
        }
        (await Kubectl("create namespace crash")).Ok();
        var refused = (await Kubectl("apply -f -", CloneSetSession.Yaml("bad", 1, extraSpec: "  updateStrategy:\n    partition: 150%", ns: "crash"))).Fails();
        Assert.StartsWith("The CloneSet \"bad\" is invalid: spec.updateStrategy.partition: must not be greater than 100%", refused.Stderr, StringComparison.Ordinal);
        (await Kubectl("apply -f -", CloneSetSession.Yaml("web", 1, ns: "crash"))).Ok();
        Assert.Equal("ReCreate", (await Kubectl("get cloneset web -n crash -o jsonpath={.spec.updateStrategy.type}")).Ok().Stdout);
    }

    private static async Task<bool> Ready(RunningCli process)
    {
        var url = process.Lines.FirstOrDefault(l => l.EndsWith("/readyz", StringComparison.Ordinal));
        if (url is null)
            return false;
        using var http = new HttpClient();
        try
        {
            using var response = await http.GetAsync(new Uri(url.Trim()));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<int> NamedPort()
    {
        var validating = (await Kubectl($"get validatingwebhookconfiguration {WebhookConfigurations.ValidatingName} -o jsonpath={{.webhooks[0].clientConfig.url}}")).Ok().Stdout;
        var mutating = (await Kubectl($"get mutatingwebhookconfiguration {WebhookConfigurations.MutatingName} -o jsonpath={{.webhooks[0].clientConfig.url}}")).Ok().Stdout;
        var port = new Uri(validating).Port;
        return new Uri(mutating).Port == port ? port : -1;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => LocalCluster.Tests.Integration.Kubectl.Run(_server.KubeconfigPath, arguments, stdin);

    public void Dispose() => _journal.Dispose();

    public async Task DisposeAsync()
    {
        foreach (var (process, _) in _replicas)
            await process.DisposeAsync();
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
