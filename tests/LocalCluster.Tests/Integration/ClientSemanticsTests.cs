using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Tests.Tables;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>Generation, the status subresource and deletion markers, as controllers observe them through KubernetesClient.</summary>
public class ClientSemanticsTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Ns = "default";

    private Kubernetes Client => cluster.Client;

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "app:1" }] },
            },
        },
    };

    [Fact]
    public async Task Generation_starts_at_one_and_only_spec_changes_bump_it()
    {
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("gen"), Ns);
        Assert.Equal(1, created.Metadata.Generation);

        created.Metadata.Labels = new Dictionary<string, string> { ["touched"] = "yes" };
        var relabelled = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "gen", Ns);
        Assert.Equal(1, relabelled.Metadata.Generation);

        relabelled.Spec.Replicas = 3;
        var scaled = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(relabelled, "gen", Ns);
        Assert.Equal(2, scaled.Metadata.Generation);

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "gen", Ns);
        Assert.Equal(3, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Status_is_written_only_through_the_status_subresource()
    {
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("status"), Ns);

        // The main resource ignores status...
        created.Status = new V1DeploymentStatus { Replicas = 7, ObservedGeneration = 1 };
        var ignored = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "status", Ns);
        Assert.Null(ignored.Status?.Replicas);

        // ...and /status ignores everything but status, without bumping generation.
        ignored.Status = new V1DeploymentStatus { Replicas = 1, ReadyReplicas = 1, ObservedGeneration = 1 };
        ignored.Spec.Replicas = 9;
        var written = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(ignored, "status", Ns);
        Assert.Equal(1, written.Status.ReadyReplicas);
        Assert.Equal(1, written.Spec.Replicas);
        Assert.Equal(1, written.Metadata.Generation);

        var patched = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"status":{"availableReplicas":1}}""", V1Patch.PatchType.MergePatch), "status", Ns);
        Assert.Equal(1, patched.Status.AvailableReplicas);
        Assert.Equal(1, patched.Status.ReadyReplicas);
    }

    [Fact]
    public async Task Custom_resource_status_and_scale_subresources_follow_the_crd()
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(RepositoryFiles.PathOf("deploy", "crds", "apps.kruise.io_clonesets.yaml")));
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        var cloneSet = JsonNode.Parse("""
            {"apiVersion":"apps.kruise.io/v1alpha1","kind":"CloneSet","metadata":{"name":"cs"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"cs"}},
                     "template":{"metadata":{"labels":{"app":"cs"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}},
             "status":{"replicas":99}}
            """)!;

        var created = Json(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(cloneSet, "apps.kruise.io", "v1alpha1", Ns, "clonesets"));
        Assert.Null(created["status"]?["replicas"]);
        Assert.Equal(1, (long?)created["metadata"]!["generation"]);

        var status = """{"status":{"replicas":2,"readyReplicas":1,"availableReplicas":1,"updatedReplicas":2,"updatedReadyReplicas":1},"spec":{"replicas":5}}""";
        var withStatus = Json(await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(status, V1Patch.PatchType.MergePatch), "apps.kruise.io", "v1alpha1", Ns, "clonesets", "cs"));
        Assert.Equal(1, (long?)withStatus["status"]!["readyReplicas"]);
        Assert.Equal(2, (long?)withStatus["spec"]!["replicas"]);
        Assert.Equal(1, (long?)withStatus["metadata"]!["generation"]);

        var scale = await Client.CustomObjects.PatchNamespacedCustomObjectScaleAsync(
            new V1Patch("""{"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "apps.kruise.io", "v1alpha1", Ns, "clonesets", "cs");
        var scaled = Json(scale);
        Assert.Equal("Scale", (string?)scaled["kind"]);
        Assert.Equal(4, (long?)scaled["spec"]!["replicas"]);
        Assert.Equal(2, (long?)scaled["status"]!["replicas"]);
        var after = Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", Ns, "clonesets", "cs"));
        Assert.Equal(4, (long?)after["spec"]!["replicas"]);
        Assert.Equal(2, (long?)after["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Deleting_an_object_with_a_finalizer_marks_it_and_bumps_generation()
    {
        var held = Deployment("held");
        held.Metadata.Finalizers = ["example.com/hold"];
        await Client.AppsV1.CreateNamespacedDeploymentAsync(held, Ns);

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("held", Ns);
        var marked = await Client.AppsV1.ReadNamespacedDeploymentAsync("held", Ns);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(0, marked.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(2, marked.Metadata.Generation);

        marked.Metadata.Finalizers = [];
        await Client.AppsV1.ReplaceNamespacedDeploymentAsync(marked, "held", Ns);
        Assert.DoesNotContain((await Client.AppsV1.ListNamespacedDeploymentAsync(Ns)).Items, d => d.Name() == "held");
    }

    private static JsonObject Json(object body) => JsonNode.Parse(KubernetesJson.Serialize(body))!.AsObject();
}
