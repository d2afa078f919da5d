using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Integration;

namespace Kruise.Actors.LocalCluster.Tests.Controllers;

/// <summary>An in-memory embedded API server with its built-in controllers, a KubernetesClient and real kubectl.</summary>
public sealed class ControllerCluster : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kruise-actors-ctl-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalApiServer Server { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = Folder, InMemory = true });
        Client = Clusters.ClientFor(Server);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Clusters.DeleteFolder(Folder);
    }

    public Task<KubectlResult> Kubectl(string arguments, string? stdin = null) => Integration.Kubectl.Run(Server.KubeconfigPath, arguments, stdin);

    /// <summary>A fresh namespace per test, so tests sharing the server never see each other's objects.</summary>
    public async Task<string> NewNamespace(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }
}

internal static class Clusters
{
    public static Kubernetes ClientFor(LocalApiServer server) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));

    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds; controllers act asynchronously.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out after {seconds}s waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Whether a read finds the object (false on 404).</summary>
    public static async Task<bool> Exists<T>(Func<Task<T>> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>A reference to <paramref name="owner"/> as controllers write it.</summary>
    public static V1OwnerReference OwnerOf(IKubernetesObject<V1ObjectMeta> owner, bool block = false, bool controller = false) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        BlockOwnerDeletion = block ? true : null,
        Controller = controller ? true : null,
    };

    public static V1ConfigMap ConfigMap(string name, params V1OwnerReference[] owners) =>
        new() { Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners.Length > 0 ? owners : null } };

    public static V1Secret Secret(string name, params V1OwnerReference[] owners) =>
        new() { Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners.Length > 0 ? owners : null } };

    public static V1Pod Pod(string name, string? nodeName = null, params V1OwnerReference[] owners) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners.Length > 0 ? owners : null },
        Spec = new V1PodSpec { NodeName = nodeName, Containers = [new V1Container { Name = "c", Image = "nginx" }] },
    };
}
