using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>KubernetesClient create, read, replace, patch and delete, with the apiserver's concurrency and dry-run rules.</summary>
public class ClientCrudTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Ns = "default";

    private Kubernetes Client => cluster.Client;

    private static V1ConfigMap ConfigMap(string name, string value = "1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "crud" } },
        Data = new Dictionary<string, string> { ["value"] = value },
    };

    private static V1Status StatusOf(HttpOperationException e) => KubernetesJson.Deserialize<V1Status>(e.Response.Content);

    [Fact]
    public async Task Create_read_replace_patch_delete_round_trip()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("round-trip"), Ns);
        Assert.NotNull(created.Uid());
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(Ns, created.Namespace());

        var read = await Client.CoreV1.ReadNamespacedConfigMapAsync("round-trip", Ns);
        Assert.Equal(created.ResourceVersion(), read.ResourceVersion());

        read.Data["value"] = "2";
        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "round-trip", Ns);
        Assert.Equal("2", replaced.Data["value"]);
        Assert.True(long.Parse(replaced.ResourceVersion()) > long.Parse(created.ResourceVersion()));
        Assert.Equal(created.Uid(), replaced.Uid());

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"extra":"x"}}""", V1Patch.PatchType.MergePatch), "round-trip", Ns);
        Assert.Equal(["extra", "value"], patched.Data.Keys.Order());
        var jsonPatched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""[{"op":"remove","path":"/data/extra"}]""", V1Patch.PatchType.JsonPatch), "round-trip", Ns);
        Assert.Equal(["value"], jsonPatched.Data.Keys);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("round-trip", Ns);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("round-trip", Ns));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        Assert.Equal("configmaps \"round-trip\" not found", StatusOf(gone).Message);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_409_conflict()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("stale"), Ns);
        var first = await Client.CoreV1.ReadNamespacedConfigMapAsync("stale", Ns);
        var second = await Client.CoreV1.ReadNamespacedConfigMapAsync("stale", Ns);
        first.Data["value"] = "first";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "stale", Ns);

        second.Data["value"] = "second";
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(second, "stale", Ns));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        var status = StatusOf(conflict);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"stale\": the object has been modified; please apply your changes to the latest version and try again", status.Message);
        Assert.Equal("first", (await Client.CoreV1.ReadNamespacedConfigMapAsync("stale", Ns)).Data["value"]);

        // Without a resourceVersion a replace is unconditional.
        second.Metadata.ResourceVersion = null;
        Assert.Equal("second", (await Client.CoreV1.ReplaceNamespacedConfigMapAsync(second, "stale", Ns)).Data["value"]);
    }

    [Fact]
    public async Task Creating_an_existing_name_is_409_already_exists()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), Ns);
        var again = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), Ns));

        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        var status = StatusOf(again);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("configmaps \"twice\" already exists", status.Message);
        Assert.Equal("twice", status.Details.Name);
        Assert.Equal("configmaps", status.Details.Kind);
    }

    [Fact]
    public async Task Generate_name_appends_a_random_suffix()
    {
        var template = new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } };

        var one = await Client.CoreV1.CreateNamespacedConfigMapAsync(template, Ns);
        var two = await Client.CoreV1.CreateNamespacedConfigMapAsync(template, Ns);

        Assert.Matches("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$", one.Name());
        Assert.NotEqual(one.Name(), two.Name());
        Assert.Equal("gen-", one.Metadata.GenerateName);
    }

    [Fact]
    public async Task Dry_run_answers_as_if_written_but_changes_nothing()
    {
        var dryCreated = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dry"), Ns, dryRun: "All");
        Assert.Equal("dry", dryCreated.Name());
        Assert.NotNull(dryCreated.Uid());
        Assert.Null(dryCreated.ResourceVersion());
        await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("dry", Ns));

        var real = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dry"), Ns);
        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("dry"), Ns, dryRun: "All"));
        Assert.Equal("AlreadyExists", StatusOf(duplicate).Reason);

        var dryPatched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"value":"dry"}}""", V1Patch.PatchType.MergePatch), "dry", Ns, dryRun: "All");
        Assert.Equal("dry", dryPatched.Data["value"]);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("dry", Ns, dryRun: "All");

        var after = await Client.CoreV1.ReadNamespacedConfigMapAsync("dry", Ns);
        Assert.Equal("1", after.Data["value"]);
        Assert.Equal(real.ResourceVersion(), after.ResourceVersion());
    }
}
