using k8s;
using k8s.Models;
using static Kruise.Actors.LocalCluster.Tests.Controllers.Clusters;

namespace Kruise.Actors.LocalCluster.Tests.Controllers;

/// <summary>What changed while no controller ran is caught up by the full resync at start.</summary>
public sealed class RestartResyncTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-resync-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => DeleteFolder(_folder);

    [Fact]
    public async Task Dependents_of_owners_deleted_while_down_are_collected_after_restart()
    {
        await using (var down = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = _folder, RunControllers = false }))
        {
            using var client = ClientFor(down);
            var owner = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("owner"), "default");
            await client.CoreV1.CreateNamespacedSecretAsync(Secret("dependent", OwnerOf(owner)), "default");
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "leaving" } });
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("content"), "leaving");
            await client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");
            await client.CoreV1.DeleteNamespaceAsync("leaving");
            // Nobody collects while the controllers are off.
            Assert.True(await Exists(() => client.CoreV1.ReadNamespacedSecretAsync("dependent", "default")));
            Assert.Equal("Terminating", (await client.CoreV1.ReadNamespaceAsync("leaving")).Status.Phase);
        }

        await using var up = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = _folder });
        using var restarted = ClientFor(up);
        await Eventually(async () => !await Exists(() => restarted.CoreV1.ReadNamespacedSecretAsync("dependent", "default")), "the orphaned dependent to be collected");
        await Eventually(async () => !await Exists(() => restarted.CoreV1.ReadNamespaceAsync("leaving")), "the terminating namespace to finish");
    }
}
