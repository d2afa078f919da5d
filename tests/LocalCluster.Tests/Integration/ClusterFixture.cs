using k8s;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>A running embedded API server in a throwaway folder, and real kubectl pointed at it.</summary>
public class ClusterFixture : IAsyncLifetime
{
    private Kubernetes? _client;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-actors-test-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalApiServer Server { get; private set; } = null!;

    /// <summary>KubernetesClient configured from the kubeconfig the server wrote (its CA and token).</summary>
    public Kubernetes Client => _client ??= new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath));

    /// <summary>The minor version the server reports; kubectl here picks its client by it.</summary>
    protected virtual string MinorVersion => "32";

    public virtual async Task InitializeAsync() =>
        Server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = Folder, MinorVersion = MinorVersion });

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs /usr/bin/kubectl against the cluster; returns exit code, stdout and stderr.</summary>
    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => Integration.Kubectl.Run(Server.KubeconfigPath, arguments, stdin);

    /// <summary>Starts kubectl in the background (get -w, a delete that waits); dispose to stop it.</summary>
    public KubectlProcess StartKubectl(string arguments) => Integration.Kubectl.Start(Server.KubeconfigPath, arguments);
}
