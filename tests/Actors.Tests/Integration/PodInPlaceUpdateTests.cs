using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities;
using Kruise.Actors.Entities.Pods;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Planning.Revisions;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>Asks the relay entity to send <see cref="Update"/> on to its pod entity as a decision message.</summary>
public sealed record RelayUpdate(UpdatePodInPlace Update);

/// <summary>A test-only entity (one per ConfigMap) whose decisions carry messages for other entities.</summary>
public sealed class RelayModel : IEntityModel<RelayState>
{
    public static readonly WatchedResource ConfigMaps = WatchedResource.Create<V1ConfigMap>("", "v1", "configmaps", "ConfigMap");

    public RelayState Initial(EntityId id) => new();

    public Decision Decide(RelayState state, ObservedWorld world, object input, DateTimeOffset now) => input is RelayUpdate relay
        ? new Decision { Messages = [new EntityMessage(PodEntity.Id(relay.Update.Namespace, relay.Update.Pod), relay.Update)] }
        : Decision.None;

    public RelayState Evolve(RelayState state, object @event) => state;
}

public sealed record RelayState;

/// <summary>
/// The pod entity in the production controller against the embedded API server, its scheduler and
/// simulated kubelet: an in-place update keeps the pod (uid, IP, node), restarts its container
/// on the new image and leaves it Ready.
/// </summary>
[Collection(RolloutClusterTests.Name)]
public sealed class PodInPlaceUpdateTests(RolloutClusterFixture cluster) : IDisposable
{
    private readonly JournalFolder _journal = new();

    private ControllerOptions Options(ControllerCatalog? catalog = null) => new()
    {
        Kubeconfig = cluster.Server.KubeconfigPath,
        HttpPort = null,
        Catalog = catalog ?? ControllerCatalog.CreateDefault(),
        Runtime = new RuntimeOptions { Journal = _journal.Target, LogLevel = "WARNING" },
    };

    private static ControllerCatalog WithRelay()
    {
        var catalog = ControllerCatalog.CreateDefault().Add(new EntityKind<RelayState>(RelayModel.ConfigMaps, new RelayModel(), "Relay"));
        catalog.Events.Add<RelayUpdate>("test.relay-update").Add<RelayState>("test.relay-state");
        return catalog;
    }

    // A paused InPlaceIfPossible CloneSet: its controller never updates the pod itself, so the test's request is the only one.
    private static CloneSet Web(string ns, string image, string tier = "front") => new()
    {
        ApiVersion = "apps.kruise.io/v1alpha1",
        Kind = "CloneSet",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = ns },
        Spec = new CloneSetSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = tier } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "main",
                            Image = image,
                            Env = [new V1EnvVar { Name = "TIER", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels['tier']" } } }],
                        },
                    ],
                },
            },
            UpdateStrategy = new CloneSetUpdateStrategy { Type = CloneSetUpdateStrategyTypes.InPlaceIfPossible, Paused = true },
        },
    };

    private async Task<V1Pod> OnlyPod(string ns) => Assert.Single((await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items);

    private static bool Ready(V1Pod pod, string condition = "Ready") =>
        pod.Status?.Conditions?.Any(c => c.Type == condition && c.Status == "True") == true;

    /// <summary>A running, Ready pod of the CloneSet, and the in-place update to the CloneSet's next template.</summary>
    private async Task<(V1Pod Pod, UpdatePodInPlace Request)> RunningPodAndUpdate(string ns,
        string patch = """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"}]""")
    {
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(Web(ns, "nginx:1.25"), "apps.kruise.io", "v1alpha1", ns, "clonesets");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items is not [{ } running] || !Ready(running) || running.Status.ContainerStatuses?[0].ImageID is not { Length: > 0 })
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("the CloneSet's pod never ran Ready: " + string.Join("; ", (await cluster.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(p => KubernetesJson.Serialize(p))));
            await Task.Delay(50);
        }
        var pod = await OnlyPod(ns);
        var from = pod.Metadata.Labels[PodInPlaceCommands.RevisionLabel];

        await cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), "apps.kruise.io", "v1alpha1", ns, "clonesets", "web");
        await Eventually.True(async () => (await cluster.Client.AppsV1.ListNamespacedControllerRevisionAsync(ns)).Items.Count == 2, "the new revision exists");
        var revisions = (await cluster.Client.AppsV1.ListNamespacedControllerRevisionAsync(ns)).Items;
        var oldRevision = revisions.Single(r => r.Metadata.Name == from);
        var newRevision = revisions.Single(r => r.Metadata.Name != from);
        var plan = InPlaceUpdatePlanner.Plan(Template(oldRevision), Template(newRevision), newRevision.Metadata.Name);
        Assert.True(plan.Possible, plan.Reason);
        return (pod, new UpdatePodInPlace(ns, pod.Metadata.Name, pod.Metadata.Uid, plan.Spec!, 0, "CloneSet", "web"));
    }

    private static V1PodTemplateSpec Template(V1ControllerRevision revision) =>
        RevisionData.FromNode(JsonNode.Parse(KubernetesJson.Serialize(revision.Data)))!.Template()!;

    private async Task UpdatedInPlace(string ns, V1Pod before, UpdatePodInPlace request)
    {
        await Eventually.True(async () =>
        {
            var pod = await OnlyPod(ns);
            return pod.Metadata.Labels[PodInPlaceCommands.RevisionLabel] == request.Spec.Revision && Ready(pod, "InPlaceUpdateReady") && Ready(pod);
        }, "the pod is updated in place and Ready again", seconds: 60);

        var after = await OnlyPod(ns);
        Assert.Equal((before.Metadata.Uid, before.Status.PodIP, before.Spec.NodeName), (after.Metadata.Uid, after.Status.PodIP, after.Spec.NodeName));
        var container = Assert.Single(after.Status.ContainerStatuses);
        Assert.Equal("nginx:1.26", Assert.Single(after.Spec.Containers).Image);
        Assert.True(ImageNames.Same("nginx:1.26", container.Image), container.Image);
        Assert.NotEqual(before.Status.ContainerStatuses[0].ImageID, container.ImageID);
        Assert.Equal(1, container.RestartCount);
        var state = JsonNode.Parse(after.Metadata.Annotations[PodInPlaceCommands.StateAnnotation])!;
        Assert.Equal(request.Spec.Revision, (string?)state["revision"]);
        Assert.Equal(before.Status.ContainerStatuses[0].ImageID, (string?)state["lastContainerStatuses"]!["main"]!["imageID"]);
    }

    private List<string> Journaled(EntityId entity) =>
        [.. _journal.Query($"SELECT manifest FROM journal WHERE persistence_id = '{entity}' ORDER BY sequence_number").Select(r => (string)r["manifest"]!)];

    [Fact]
    public async Task A_pod_entity_told_to_update_in_place_keeps_the_pod_and_runs_the_new_image()
    {
        var ns = await cluster.Namespace();
        await using var host = await ControllerHost.Start(Options());
        var (before, request) = await RunningPodAndUpdate(ns);

        host.Runtime.Entities.Tell(PodEntity.Id(ns, before.Metadata.Name), request);

        await UpdatedInPlace(ns, before, request);
        var entity = PodEntity.Id(ns, before.Metadata.Name);
        await Eventually.True(() => Journaled(entity).LastOrDefault() == "pod.inplace-completed", "the update is journaled done");
        // "patched" (the patch's outcome) is journaled only when it comes before the watch shows the new containers.
        Assert.Equal(["pod.inplace-requested", "pod.inplace-not-ready", "pod.inplace-patch", "pod.inplace-ready", "pod.inplace-completed"],
            Journaled(entity).Where(m => m != "pod.inplace-patched"));
    }

    [Fact]
    public async Task A_decision_message_reaches_the_pod_entity_through_its_shard_region()
    {
        var ns = await cluster.Namespace();
        await using var host = await ControllerHost.Start(Options(WithRelay()));
        var (before, request) = await RunningPodAndUpdate(ns);

        host.Runtime.Entities.Tell(new EntityId("Relay", ns, "relay"), new RelayUpdate(request));

        await UpdatedInPlace(ns, before, request);
        var state = await host.Runtime.Ask<PodInPlaceState>(PodEntity.Id(ns, before.Metadata.Name), GetEntityState.Instance, TimeSpan.FromSeconds(20));
        Assert.Equal((before.Metadata.Uid, request.Spec.Revision), (state.FinishedUid, state.FinishedRevision));
    }

    [Fact]
    public async Task A_label_the_container_reads_through_the_downward_api_restarts_it_in_place()
    {
        var ns = await cluster.Namespace();
        await using var host = await ControllerHost.Start(Options());
        var (before, request) = await RunningPodAndUpdate(ns, """[{"op":"replace","path":"/spec/template/metadata/labels/tier","value":"back"}]""");
        Assert.Equal(["main"], request.Spec.RestartContainers);
        Assert.Empty(request.Spec.ContainerImages);

        host.Runtime.Entities.Tell(PodEntity.Id(ns, before.Metadata.Name), request);

        await Eventually.True(async () =>
        {
            var pod = await OnlyPod(ns);
            return pod.Metadata.Labels[PodInPlaceCommands.RevisionLabel] == request.Spec.Revision && Ready(pod, "InPlaceUpdateReady") && Ready(pod);
        }, "the pod is updated in place and Ready again", seconds: 60);
        var after = await OnlyPod(ns);
        Assert.Equal((before.Metadata.Uid, before.Status.PodIP), (after.Metadata.Uid, after.Status.PodIP));
        Assert.Equal("back", after.Metadata.Labels["tier"]);
        Assert.Equal(1, Assert.Single(after.Status.ContainerStatuses).RestartCount);
        Assert.Equal(before.Status.ContainerStatuses[0].ImageID, after.Status.ContainerStatuses[0].ImageID);
    }

    public void Dispose() => _journal.Dispose();
}
