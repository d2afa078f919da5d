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
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>The shared webhook certificates do not silently expire: a replica renews what is due and serves what another renewed.</summary>
public sealed class WebhookCertificateRenewalTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Names = ["localhost", "127.0.0.1"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-webhook-renewal-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly JournalFolder _journal = new();
    private LocalApiServer _server = null!;
    private ControllerHost? _controller;

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = _folder, InMemory = true });
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(CrdGenerator.Generate(KruiseKinds.Find("apps.kruise.io", "CloneSet")!));
    }

    private async Task<ControllerHost> Start(TimeSpan checkInterval) => _controller = await ControllerHost.Start(new ControllerOptions
    {
        Kubeconfig = _server.KubeconfigPath,
        HttpPort = null,
        Webhook = new WebhookOptions { Port = 0, CheckInterval = checkInterval },
        Runtime = new RuntimeOptions { Journal = _journal.Target, LogLevel = "WARNING" },
    });

    [Fact]
    public async Task A_replica_starting_with_a_serving_certificate_due_for_renewal_reissues_it_from_the_same_CA()
    {
        // Valid for one more minute: past two thirds of its life.
        var due = Issue(WebhookSecretView.Missing, null, new WebhookCertificateLifetimes(TimeSpan.FromDays(3650), TimeSpan.FromMinutes(1)), DateTimeOffset.UtcNow);
        await WriteSecret(due);

        var controller = await Start(TimeSpan.FromMinutes(10));

        var stored = await ReadSecret();
        Assert.Equal(due.CaCertificatePem, stored.CaCertificatePem);
        Assert.Equal(due.CaBundlePem, await PublishedBundle());
        Assert.NotEqual(due.ServingCertificatePem, stored.ServingCertificatePem);
        using var presented = await Presented(controller.Webhooks!.Port, due.CaBundlePem);
        Assert.Equal(stored.ServingCertificatePem.Trim(), presented.ExportCertificatePem().Trim());
        Assert.True(presented.NotAfter > DateTime.UtcNow.AddDays(300), $"reissued for a year, but it expires {presented.NotAfter:u}");
    }

    [Fact]
    public async Task A_running_replica_serves_a_CA_another_replica_rotated_once_the_registrar_has_published_the_new_bundle()
    {
        var controller = await Start(TimeSpan.FromMilliseconds(200));
        var original = await ReadSecret();

        // What a replica finding the CA due does: new CA and certificate, the old CA kept in the bundle.
        var rotated = Issue(WebhookSecretView.Readable(original.Facts()), original, WebhookCertificateLifetimes.Default, DateTimeOffset.UtcNow.AddYears(8));
        Assert.NotEqual(original.CaCertificatePem, rotated.CaCertificatePem);
        await WriteSecret(rotated);

        await Eventually.True(async () => await PublishedBundle() == rotated.CaBundlePem, "the registrar publishes the bundle with both CAs");
        await Eventually.True(async () =>
        {
            using var presented = await Presented(controller.Webhooks!.Port, rotated.CaBundlePem);
            return presented.ExportCertificatePem().Trim() == rotated.ServingCertificatePem.Trim();
        }, "the replica presents the certificate of the new CA");
        var ns = $"n{Guid.NewGuid().ToString("N")[..6]}";
        (await Kubectl($"create namespace {ns}")).Ok();
        (await Kubectl("apply -f -", CloneSetSession.Yaml("web", 1, ns: ns))).Ok();
    }

    private static WebhookCertificateMaterial Issue(WebhookSecretView view, WebhookCertificateMaterial? current, WebhookCertificateLifetimes lifetimes, DateTimeOffset now) =>
        WebhookCertificateIssuer.Issue(WebhookCertificatePlanner.Decide(view, Names, now), current, lifetimes, now);

    private async Task WriteSecret(WebhookCertificateMaterial material)
    {
        var data = new JsonObject();
        foreach (var (key, value) in material.ToSecretData())
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = WebhookSecret.DefaultName, ["namespace"] = WebhookSecret.DefaultNamespace },
            ["type"] = WebhookCertificateSecret.Type,
            ["data"] = data,
        };
        await Kubectl($"create namespace {WebhookSecret.DefaultNamespace}");
        (await Kubectl("apply -f -", secret.ToJsonString())).Ok();
    }

    private async Task<WebhookCertificateMaterial> ReadSecret()
    {
        var json = JsonNode.Parse((await Kubectl($"get secret {WebhookSecret.DefaultName} -n {WebhookSecret.DefaultNamespace} -o json")).Ok().Stdout)!;
        var data = json["data"]!.AsObject().ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(Convert.FromBase64String(p.Value!.GetValue<string>())));
        return WebhookCertificateMaterial.FromSecretData(data).Material!;
    }

    private async Task<string> PublishedBundle()
    {
        var base64 = (await Kubectl($"get validatingwebhookconfiguration {WebhookConfigurations.ValidatingName} -o jsonpath={{.webhooks[0].clientConfig.caBundle}}")).Ok().Stdout;
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }

    /// <summary>The certificate a replica presents, verified against <paramref name="bundle"/> alone during the handshake.</summary>
    private static async Task<X509Certificate2> Presented(int port, string bundle)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(WebhookCertificateMaterial.ParseBundle(bundle));
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return chain.Build(presented);
        });
        await ssl.AuthenticateAsClientAsync("127.0.0.1");
        return X509CertificateLoader.LoadCertificate(ssl.RemoteCertificate!.GetRawCertData());
    }

    private Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => LocalCluster.Tests.Integration.Kubectl.Run(_server.KubeconfigPath, arguments, stdin);

    public void Dispose() => _journal.Dispose();

    public async Task DisposeAsync()
    {
        if (_controller is not null)
            await _controller.DisposeAsync();
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
