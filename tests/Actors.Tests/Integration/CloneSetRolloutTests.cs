using System.Text.Json;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// Rollouts on the embedded API server with its scheduler and simulated kubelet: a user changes
/// a CloneSet's image; under ReCreate its pods are replaced, under InPlaceIfPossible the CloneSet
/// entity asks the pod entities, which update the same pods in place.
/// </summary>
[Collection(SimulatedClusterTests.Name)]
public sealed class CloneSetRolloutTests(SimulatedClusterFixture cluster) : IDisposable
{
    private readonly JournalFolder _journal = new();

    private static CloneSet Web(string ns, string type = CloneSetUpdateStrategyTypes.InPlaceIfPossible) => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "CloneSet",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns },
        Spec = new CloneSetSpec
        {
            Replicas = 3,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx:1.25" }] },
            },
            UpdateStrategy = new CloneSetUpdateStrategy { Type = type },
        },
    };

    private static bool Ready(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private Task<ControllerHost> StartController() => ControllerHost.Start(new ControllerOptions
    {
        Kubeconfig = cluster.Server.KubeconfigPath,
        HttpPort = null,
        Catalog = ControllerCatalog.CreateDefault(),
        Runtime = new RuntimeOptions { Journal = _journal.Target, LogLevel = "WARNING" },
    });

    [Fact]
    public async Task ReCreate_replaces_every_pod_with_a_new_one_running_the_new_image()
    {
        var ns = await cluster.Namespace();
        await using var host = await StartController();
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(Web(ns, CloneSetUpdateStrategyTypes.ReCreate), "apps.kruise.io", "v1alpha1", ns, "clonesets");
        await Eventually.True(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items is { Count: 3 } pods && pods.All(Ready),
            "three pods run and are Ready", seconds: 60);
        var before = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(p => p.Metadata.Name).ToList();

        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}""";
        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "apps.kruise.io", "v1alpha1", ns, "clonesets", "web");

        await Eventually.True(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList() is { Count: 3 } pods
            && pods.All(p => Ready(p) && p.Spec.Containers[0].Image == "nginx:1.26" && !before.Contains(p.Metadata.Name)),
            "three new pods run nginx:1.26 and are Ready", seconds: 120);
        var events = (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        Assert.Contains(events, e => e.Reason == "SuccessfulUpdatePodReCreate" && e.InvolvedObject.Kind == "CloneSet");
    }

    [Fact]
    public async Task Changing_the_image_updates_every_pod_in_place_keeping_name_uid_ip_and_node()
    {
        var ns = await cluster.Namespace();
        await using var host = await StartController();
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(Web(ns), "apps.kruise.io", "v1alpha1", ns, "clonesets");
        await Eventually.True(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items is { Count: 3 } pods && pods.All(Ready),
            "three pods run and are Ready", seconds: 60);
        var before = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items
            .ToDictionary(p => p.Metadata.Name, p => (p.Metadata.Uid, p.Status.PodIP, p.Spec.NodeName));

        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}""";
        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "apps.kruise.io", "v1alpha1", ns, "clonesets", "web");

        await Eventually.True(async () => (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items is { Count: 3 } pods
            && pods.All(p => Ready(p) && p.Spec.Containers[0].Image == "nginx:1.26" && p.Status.ContainerStatuses?[0].RestartCount == 1),
            "every pod runs nginx:1.26 after one restart and is Ready", seconds: 120);
        var after = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items
            .ToDictionary(p => p.Metadata.Name, p => (p.Metadata.Uid, p.Status.PodIP, p.Spec.NodeName));
        Assert.Equal(before, after);
        await Eventually.True(async () =>
        {
            var cloneSet = (JsonElement)await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", ns, "clonesets", "web");
            if (!cloneSet.TryGetProperty("status", out var status))
                return false;
            int Count(string field) => status.TryGetProperty(field, out var value) ? value.GetInt32() : 0;
            return Count("updatedReplicas") == 3 && Count("updatedReadyReplicas") == 3
                && status.GetProperty("currentRevision").GetString() == status.GetProperty("updateRevision").GetString();
        }, "status shows the rollout done", seconds: 60);
        var events = (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        Assert.Contains(events, e => e.Reason == "SuccessfulUpdatePodInPlace" && e.InvolvedObject.Kind == "CloneSet");
    }

    public void Dispose() => _journal.Dispose();
}
