using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>
/// A pod's spec is immutable but for its images, activeDeadlineSeconds, tolerations and
/// terminationGracePeriodSeconds, whichever way the update arrives (patch or PUT).
/// </summary>
public class PodUpdateTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Ns = "default";

    private Kubernetes Client => cluster.Client;

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec
        {
            InitContainers = [new V1Container { Name = "init", Image = "init:1" }],
            Containers = [new V1Container { Name = "app", Image = "app:1" }, new V1Container { Name = "sidecar", Image = "sidecar:1" }],
        },
    };

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    private static V1Status StatusOf(HttpOperationException e) => KubernetesJson.Deserialize<V1Status>(e.Response.Content);

    [Fact]
    public async Task Images_tolerations_deadline_and_grace_period_may_change()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("mutable"), Ns);

        var patched = await Client.CoreV1.PatchNamespacedPodAsync(Merge("""
            {"spec":{"activeDeadlineSeconds":60,"terminationGracePeriodSeconds":5,
                     "tolerations":[{"key":"dedicated","operator":"Exists","effect":"NoSchedule"}]}}
            """), "mutable", Ns);
        Assert.Equal(60, patched.Spec.ActiveDeadlineSeconds);
        Assert.Equal(5, patched.Spec.TerminationGracePeriodSeconds);
        Assert.Contains(patched.Spec.Tolerations, t => t.Key == "dedicated");

        patched.Spec.Containers[1].Image = "sidecar:2";
        patched.Spec.InitContainers[0].Image = "init:2";
        var replaced = await Client.CoreV1.ReplaceNamespacedPodAsync(patched, "mutable", Ns);
        Assert.Equal(["app:1", "sidecar:2"], replaced.Spec.Containers.Select(c => c.Image));
        Assert.Equal("init:2", replaced.Spec.InitContainers[0].Image);
    }

    [Fact]
    public async Task A_label_patch_leaves_the_spec_and_the_stored_pod_as_they_were()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("relabel"), Ns);

        var patched = await Client.CoreV1.PatchNamespacedPodAsync(Merge("""{"metadata":{"labels":{"round":"1"}}}"""), "relabel", Ns);
        Assert.Equal("1", patched.Metadata.Labels["round"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);
        Assert.Equal(KubernetesJson.Serialize(created.Spec), KubernetesJson.Serialize(patched.Spec));

        // The same patch again changes nothing, so nothing is written.
        var again = await Client.CoreV1.PatchNamespacedPodAsync(Merge("""{"metadata":{"labels":{"round":"1"}}}"""), "relabel", Ns);
        Assert.Equal(patched.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Theory]
    [InlineData("""{"spec":{"restartPolicy":"Never"}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"app","image":"app:1"}]}}""")]
    [InlineData("""{"spec":{"containers":[{"name":"renamed","image":"app:1"},{"name":"sidecar","image":"sidecar:1"}]}}""")]
    [InlineData("""{"spec":{"initContainers":[{"name":"init","image":"init:1","args":["--more"]}]}}""")]
    [InlineData("""{"spec":{"nodeSelector":{"disk":"ssd"}}}""")]
    public async Task Any_other_spec_change_is_refused_and_the_pod_keeps_its_spec(string patch)
    {
        var name = "immutable-" + Guid.NewGuid().ToString("N")[..6];
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod(name), Ns);

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedPodAsync(Merge(patch), name, Ns));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        Assert.Contains("pod updates may not change fields other than", StatusOf(refused).Message, StringComparison.Ordinal);

        var current = await Client.CoreV1.ReadNamespacedPodAsync(name, Ns);
        Assert.Equal(created.Metadata.ResourceVersion, current.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_put_that_changes_the_spec_is_refused_too()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("put-spec"), Ns);
        created.Spec.Containers.Add(new V1Container { Name = "extra", Image = "extra:1" });

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedPodAsync(created, "put-spec", Ns));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
    }
}
