using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Exceptions;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class KubeConfigsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kubeconfigs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (string CertPem, string KeyPem) SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_kubeconfig_reads_as_kubernetes_client_reads_it_relative_paths_from_its_own_folder()
    {
        var ca = SelfSigned("test-ca");
        var client = SelfSigned("admin");
        Write("certs/ca.crt", ca.CertPem);
        var path = Write("config/kubeconfig", $$"""
            apiVersion: v1
            kind: Config
            preferences: {}
            current-context: work
            clusters:
            - name: other
              cluster:
                server: https://other.example:6443
                insecure-skip-tls-verify: true
            - name: prod
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority: ../certs/ca.crt
            contexts:
            - name: play
              context: {cluster: other, user: token-user}
            - name: work
              context:
                cluster: prod
                user: admin
                namespace: team-a
            users:
            - name: token-user
              user: {token: abc}
            - name: admin
              user:
                client-certificate-data: {{Base64(client.CertPem)}}
                client-key-data: {{Base64(client.KeyPem)}}
            """);

        var ours = KubeConfigs.FromFile(path);
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal("https://127.0.0.1:6443", ours.Host);
        Assert.Equal("work", ours.CurrentContext);
        Assert.Equal("team-a", ours.Namespace);
        Assert.False(ours.SkipTlsVerify);
        Assert.Equal(X509Certificate2.CreateFromPem(ca.CertPem).Thumbprint, Assert.Single(ours.SslCaCerts!).Thumbprint);
        Assert.NotNull(ours.ClientCertificateData);
        Assert.Equal(
            (theirs.Host, theirs.CurrentContext, theirs.Namespace, theirs.SkipTlsVerify, theirs.ClientCertificateData, theirs.ClientCertificateKeyData, theirs.AccessToken),
            (ours.Host, ours.CurrentContext, ours.Namespace, ours.SkipTlsVerify, ours.ClientCertificateData, ours.ClientCertificateKeyData, ours.AccessToken));
    }

    [Fact]
    public void A_token_user_over_plain_http_gets_its_token()
    {
        var path = Write("kubeconfig", """
            apiVersion: v1
            kind: Config
            current-context: local
            clusters:
            - name: local
              cluster: {server: "http://127.0.0.1:8080"}
            contexts:
            - name: local
              context: {cluster: local, user: me}
            users:
            - name: me
              user: {token: "s3cret"}
            """);

        var config = KubeConfigs.Load(path);

        Assert.Equal("http://127.0.0.1:8080", config.Host);
        Assert.Equal("s3cret", config.AccessToken);
        Assert.Null(config.Namespace);
    }

    [Theory]
    [InlineData("clusters: [unclosed", "is not valid YAML")]
    [InlineData("", "is empty")]
    [InlineData("apiVersion: v1\nkind: Config\ncurrent-context: gone\n", "CurrentContext: gone not found")]
    public void A_broken_kubeconfig_is_refused_with_the_reason(string text, string reason)
    {
        var path = Write("broken", text);

        var error = Assert.Throws<KubeConfigException>(() => KubeConfigs.Load(path));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_missing_kubeconfig_is_named_in_the_error()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeConfigs.Load(Path.Combine(_folder, "nope")));

        Assert.Contains("does not exist", error.Message);
    }
}
