using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Integration;

namespace Kruise.Actors.LocalCluster.Tests.Admission;

/// <summary>
/// An in-memory LocalApiServer with a real HTTPS webhook server beside it, a KubernetesClient and
/// real kubectl. Tests of one class share it; each test works in its own namespace and scopes its
/// webhooks to it, so configurations left by one test do not reach another.
/// </summary>
public sealed class AdmissionFixture : IAsyncLifetime
{
    private int _namespaces;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-admission-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalApiServer Server { get; private set; } = null!;
    public WebhookServer Webhooks { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = Folder, InMemory = true });
        Webhooks = await WebhookServer.Start();
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Webhooks.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => Integration.Kubectl.Run(Server.KubeconfigPath, arguments, stdin);

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> Namespace(string prefix, IDictionary<string, string>? labels = null)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _namespaces)}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = labels } });
        return name;
    }

    public Admissionregistrationv1WebhookClientConfig UrlClient(string path) => new() { Url = Webhooks.Url(path), CaBundle = Webhooks.CaBundle };

    public async Task<V1ValidatingWebhookConfiguration> Validating(params V1ValidatingWebhook[] hooks)
    {
        var name = $"validating-{Guid.NewGuid():N}"[..24];
        return await Client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(
            new V1ValidatingWebhookConfiguration { Metadata = new V1ObjectMeta { Name = name }, Webhooks = hooks });
    }

    public async Task<V1MutatingWebhookConfiguration> Mutating(string name, params V1MutatingWebhook[] hooks) =>
        await Client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(
            new V1MutatingWebhookConfiguration { Metadata = new V1ObjectMeta { Name = name }, Webhooks = hooks });

    public Task<V1ConfigMap> ConfigMap(string ns, string name, IDictionary<string, string>? labels = null) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);

    /// <summary>The Status an API call failed with: its code and message.</summary>
    public static async Task<(int Code, string Message)> Refusal(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        var status = JsonNode.Parse(error.Response.Content)!;
        return ((int)error.Response.StatusCode, status["message"]!.GetValue<string>());
    }
}
