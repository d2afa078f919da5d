using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Controllers;

namespace Kruise.Actors.LocalCluster.Tests.Semantics;

/// <summary>
/// Writes that meet another write between reading the object and storing it, as the apiserver's
/// GuaranteedUpdate handles them: a patch (no resourceVersion in it) is applied again to the fresh
/// object and succeeds; a write pinned to a resourceVersion that is now stale is a 409.
/// </summary>
public sealed class ConcurrentWriteTests : IAsyncLifetime
{
    private readonly WriteDuringAdmission _racer = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kruise-actors-race-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalApiServer _server = null!;
    private Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalApiServer.Start(new LocalApiServerOptions { DataFolder = _folder, InMemory = true }, [_racer]);
        _racer.Service = _server.Service;
        _client = Clusters.ClientFor(_server);
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "race" } });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Clusters.DeleteFolder(_folder);
    }

    private Task<V1ConfigMap> Create(string name) =>
        _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "race");

    [Fact]
    public async Task A_patch_that_meets_another_write_is_applied_to_the_fresh_object_and_keeps_both()
    {
        await Create("patched");
        _racer.Arm("patched");

        var patch = new V1Patch("{\"data\":{\"b\":\"2\"}}", V1Patch.PatchType.MergePatch);
        var result = await _client.CoreV1.PatchNamespacedConfigMapAsync(patch, "patched", "race");

        Assert.Equal(1, _racer.Writes);
        Assert.Equal("2", result.Data["b"]);
        Assert.Equal("yes", result.Metadata.Labels[WriteDuringAdmission.Label]);
    }

    [Fact]
    public async Task A_replace_pinned_to_the_version_read_is_refused_when_another_write_lands_first()
    {
        var created = await Create("replaced");
        _racer.Arm("replaced");

        created.Data["b"] = "2";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "replaced", "race"));

        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        var stored = await _client.CoreV1.ReadNamespacedConfigMapAsync("replaced", "race");
        Assert.Equal("yes", stored.Metadata.Labels[WriteDuringAdmission.Label]);
        Assert.False(stored.Data.ContainsKey("b"), "the stale replace was not stored");
    }
}
