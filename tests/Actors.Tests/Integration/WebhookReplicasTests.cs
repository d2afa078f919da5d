using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Kruise.Actors.Admission;
using Kruise.Actors.Crds;
using Kruise.Actors.Crds.Schema;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.LocalCluster;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Tests.Persistence;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// Two controller replicas (one Akka cluster on one PostgreSQL journal) serving the CloneSet
/// webhooks on their own ports against one embedded API server: they share one CA, either
/// answers reviews, and the configurations follow a live replica when the one they name stops.
/// </summary>
public sealed class WebhookReplicasTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-webhook-replicas-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly TestPostgres _journal = new();
    private readonly List<ControllerHost> _replicas = [];
    private LocalApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = _folder, InMemory = true });
        using (var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath)))
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!));
        var seed = FreePort();
        _replicas.Add(await Replica(seed, seed));
        _replicas.Add(await Replica(FreePort(), seed));
    }

    private Task<ControllerHost> Replica(int clusterPort, int seedPort) => ControllerHost.Start(new ControllerOptions
    {
        Kubeconfig = _server.KubeconfigPath,
        HttpPort = null,
        Webhook = new WebhookOptions { Port = 0 },
        Runtime = new RuntimeOptions
        {
            Journal = _journal.Target,
            ClusterPort = clusterPort,
            Seeds = [$"127.0.0.1:{seedPort}"],
            LogLevel = "WARNING",
        },
    });

    [Fact]
    public async Task Both_replicas_present_the_one_CA_of_the_Secret_and_either_refuses_a_bad_CloneSet()
    {
        var bundle = await PublishedBundle();
        var secret = JsonNode.Parse((await Kubectl($"get secret {WebhookSecret.DefaultName} -n {WebhookSecret.DefaultNamespace} -o json")).Ok().Stdout)!;
        Assert.Equal(bundle, Decode(secret["data"]![WebhookCertificateMaterial.CaBundleKey]!.GetValue<string>()));

        // kubectl converts the manifest to the JSON the API server would put in the review.
        var badCloneSet = JsonNode.Parse((await Kubectl("create --dry-run=client -o json -f -", CloneSetSession.Yaml("bad", 1, extraSpec: "  updateStrategy:\n    partition: 150%", ns: "default"))).Ok().Stdout)!;
        foreach (var replica in _replicas)
        {
            var port = replica.Webhooks!.Port;
            // The handshake verifies the presented certificate against the published caBundle only.
            using var presented = await PresentedCertificate(port, bundle);
            Assert.Equal(Decode(secret["data"]![WebhookCertificateMaterial.ServingCertificateKey]!.GetValue<string>()).Trim(), presented.ExportCertificatePem().Trim());

            var answer = await Review(port, bundle, badCloneSet);
            Assert.False(answer["allowed"]!.GetValue<bool>());
            Assert.Equal("spec.updateStrategy.partition: must not be greater than 100%", answer["status"]!["message"]!.GetValue<string>());
        }

        var ns = await Namespace();
        var refused = (await Kubectl("apply -f -", CloneSetSession.Yaml("bad", 1, extraSpec: "  updateStrategy:\n    partition: 150%", ns: ns))).Fails();
        Assert.StartsWith("The CloneSet \"bad\" is invalid: spec.updateStrategy.partition: must not be greater than 100%", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_replica_the_configurations_name_stops_they_name_the_other_and_creates_are_validated_again()
    {
        var bundle = await PublishedBundle();
        var named = await NamedPort();
        var stopped = Assert.Single(_replicas, r => r.Webhooks!.Port == named);
        var survivor = Assert.Single(_replicas, r => r != stopped);

        _replicas.Remove(stopped);
        await stopped.DisposeAsync();

        var surviving = survivor.Webhooks!.Port;
        await Eventually.True(async () => await NamedPort() == surviving, $"the configurations name the surviving replica's port {surviving}");
        Assert.Equal(bundle, await PublishedBundle());
        var ns = await Namespace();
        var refused = (await Kubectl("apply -f -", CloneSetSession.Yaml("bad", 1, extraSpec: "  updateStrategy:\n    partition: 150%", ns: ns))).Fails();
        Assert.StartsWith("The CloneSet \"bad\" is invalid: spec.updateStrategy.partition: must not be greater than 100%", refused.Stderr, StringComparison.Ordinal);
        (await Kubectl("apply -f -", CloneSetSession.Yaml("web", 1, ns: ns))).Ok();
        var stored = JsonNode.Parse((await Kubectl($"get cloneset web -n {ns} -o json")).Ok().Stdout)!;
        Assert.Equal("ReCreate", stored["spec"]!["updateStrategy"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_restarted_replica_keeps_the_published_caBundle()
    {
        var bundle = await PublishedBundle();
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
        _replicas.Clear();

        var seed = FreePort();
        _replicas.Add(await Replica(seed, seed));

        Assert.Equal(bundle, await PublishedBundle());
        Assert.Equal(_replicas[0].Webhooks!.Port, await NamedPort());
        var ns = await Namespace();
        (await Kubectl("apply -f -", CloneSetSession.Yaml("web", 1, ns: ns))).Ok();
    }

    private async Task<string> PublishedBundle()
    {
        var json = JsonNode.Parse((await Kubectl($"get validatingwebhookconfiguration {WebhookConfigurations.ValidatingName} -o json")).Ok().Stdout)!;
        return Decode(json["webhooks"]![0]!["clientConfig"]!["caBundle"]!.GetValue<string>());
    }

    private async Task<int> NamedPort()
    {
        var validating = (await Kubectl($"get validatingwebhookconfiguration {WebhookConfigurations.ValidatingName} -o jsonpath={{.webhooks[0].clientConfig.url}}")).Ok().Stdout;
        var mutating = (await Kubectl($"get mutatingwebhookconfiguration {WebhookConfigurations.MutatingName} -o jsonpath={{.webhooks[0].clientConfig.url}}")).Ok().Stdout;
        var port = new Uri(validating).Port;
        return new Uri(mutating).Port == port ? port : -1;
    }

    private static async Task<X509Certificate2> PresentedCertificate(int port, string bundle)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => Trusted(certificate, errors, bundle));
        await ssl.AuthenticateAsClientAsync("127.0.0.1");
        return X509CertificateLoader.LoadCertificate(ssl.RemoteCertificate!.GetRawCertData());
    }

    // Name mismatch is checked too; only the chain is judged against the bundle instead of the system store.
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, string bundle) =>
        certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
        && TrustedBy(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), bundle);

    private static bool TrustedBy(X509Certificate2 certificate, string bundle)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(WebhookCertificateMaterial.ParseBundle(bundle));
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>A CREATE review sent straight to one replica over TLS verified against <paramref name="bundle"/>, as the API server sends it.</summary>
    private static async Task<JsonObject> Review(int port, string bundle, JsonNode cloneSet)
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, bundle),
        };
        using var http = new HttpClient(handler);
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = "apps.kruise.io", ["version"] = "v1alpha1", ["kind"] = "CloneSet" },
                ["operation"] = "CREATE",
                ["object"] = cloneSet.DeepClone(),
            },
        };
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"https://127.0.0.1:{port}{WebhookConfigurations.ValidateCloneSetPath}"), content);
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!;
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private int _namespaces;

    public void Dispose() => _journal.Dispose();

    private async Task<string> Namespace()
    {
        var name = $"r{Interlocked.Increment(ref _namespaces)}";
        (await Kubectl($"create namespace {name}")).Ok();
        return name;
    }

    private Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => LocalCluster.Tests.Integration.Kubectl.Run(_server.KubeconfigPath, arguments, stdin);

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
            await replica.DisposeAsync();
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
