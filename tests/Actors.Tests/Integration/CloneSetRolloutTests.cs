using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// CloneSet rollouts end to end on simulated nodes: real kubectl, the production controller (the
/// CloneSet and pod entities), the simulated scheduler and kubelet restarting containers in place.
/// </summary>
[Collection(RolloutClusterTests.Name)]
public sealed class CloneSetRolloutTests(RolloutClusterFixture api)
{
    private const string NewImage = "nginx:1.27";

    private static string ImagePatch(string image) =>
        $$"""[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"{{image}}"}]""";

    /// <summary>The README walkthrough: examples/cloneset.yaml, then a new image with InPlaceIfPossible.</summary>
    [Fact]
    public async Task Changing_the_image_in_place_keeps_every_pod_name_uid_ip_and_node_and_restarts_its_container_once()
    {
        await using var session = await CloneSetSession.Start(api);
        var example = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "cloneset.yaml")).Replace("namespace: demo", $"namespace: {session.Namespace}", StringComparison.Ordinal);
        (await session.Kubectl("apply -f -", example)).Ok();
        await session.RolledOut("web", 5);
        var before = await RunningPods(session);
        Assert.Equal(5, before.Count);
        Assert.True(before.Select(p => p.Spec.NodeName).Distinct().Count() > 1, "pods spread over the nodes");

        (await session.Kubectl($"patch cloneset web --type=json -p {Quote(ImagePatch(NewImage))}")).Ok();
        await session.RolledOut("web", 5, generation: 2);

        var after = await RunningPods(session);
        Assert.Equal(Identity(before), Identity(after));
        Assert.All(after, pod =>
        {
            var container = Assert.Single(pod.Status.ContainerStatuses);
            Assert.Equal(($"docker.io/library/{NewImage}", 1), (container.Image, container.RestartCount));
            Assert.Equal(NewImage, Assert.Single(pod.Spec.Containers).Image);
        });
        var table = (await session.Kubectl("get pods -o wide")).Ok().Table();
        Assert.All(after, pod => Assert.Equal(("1", "1/1", pod.Status.PodIP), (table.Row(pod.Metadata.Name)["RESTARTS"].Split(' ')[0], table.Row(pod.Metadata.Name)["READY"], table.Row(pod.Metadata.Name)["IP"])));
        var describe = (await session.Kubectl($"describe pod {after[0].Metadata.Name}")).Ok().Stdout;
        Assert.Contains("Container nginx definition changed, will be restarted", describe, StringComparison.Ordinal);
        Assert.Contains("SuccessfulUpdatePodInPlace", (await session.Kubectl("describe cloneset web")).Ok().Stdout, StringComparison.Ordinal);

        var cloneSet = await session.CloneSet("web");
        Assert.Equal(cloneSet.Status!.UpdateRevision, cloneSet.Status.CurrentRevision);
        Assert.All(after, pod => Assert.Equal(cloneSet.Status.UpdateRevision, pod.Metadata.Labels["controller-revision-hash"]));
    }

    [Fact]
    public async Task ReCreate_replaces_every_pod_with_a_new_name_and_the_new_image()
    {
        await using var session = await CloneSetSession.Start(api);
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("re", 4, extraSpec: "  updateStrategy:\n    type: ReCreate\n    maxUnavailable: 2"))).Ok();
        await session.RolledOut("re", 4);
        var before = await RunningPods(session);

        (await session.Kubectl($"patch cloneset re --type=json -p {Quote(ImagePatch(NewImage))}")).Ok();
        await session.RolledOut("re", 4, generation: 2);

        var after = await RunningPods(session);
        Assert.Equal(4, after.Count);
        Assert.Empty(after.Select(p => p.Metadata.Name).Intersect(before.Select(p => p.Metadata.Name)));
        Assert.All(after, pod => Assert.Equal(($"docker.io/library/{NewImage}", 0), (pod.Status.ContainerStatuses[0].Image, pod.Status.ContainerStatuses[0].RestartCount)));
        var describe = (await session.Kubectl("describe cloneset re")).Ok().Stdout;
        Assert.Contains("SuccessfulUpdatePodReCreate", describe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partition_keeps_that_many_pods_at_the_old_revision_until_it_is_lowered()
    {
        await using var session = await CloneSetSession.Start(api);
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("part", 5, extraSpec: "  updateStrategy:\n    type: InPlaceIfPossible\n    partition: 3"))).Ok();
        await session.RolledOut("part", 5);

        (await session.Kubectl($"patch cloneset part --type=json -p {Quote(ImagePatch(NewImage))}")).Ok();
        await session.Updated("part", updated: 2, replicas: 5);
        var pods = await RunningPods(session);
        Assert.Equal(2, pods.Count(p => p.Spec.Containers[0].Image == NewImage));
        Assert.Equal(3, pods.Count(p => p.Spec.Containers[0].Image == "nginx:1.25"));
        var row = (await session.Kubectl("get cloneset part")).Ok().Table().Row("part");
        Assert.Equal(("5", "2"), (row["DESIRED"], row["UPDATED"]));

        (await session.Kubectl($"patch cloneset part --type=merge -p {Quote("""{"spec":{"updateStrategy":{"partition":0}}}""")}")).Ok();
        await session.RolledOut("part", 5, generation: 3);
        Assert.All(await RunningPods(session), p => Assert.Equal(NewImage, p.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task A_rollout_of_20_pods_never_has_more_than_maxUnavailable_pods_unavailable()
    {
        const int replicas = 20, maxUnavailable = 3;
        await using var session = await CloneSetSession.Start(api);
        (await session.Kubectl("apply -f -", CloneSetSession.Yaml("wide", replicas, extraSpec: $"  updateStrategy:\n    type: InPlaceIfPossible\n    maxUnavailable: {maxUnavailable}"))).Ok();
        await session.RolledOut("wide", replicas);

        var ready = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var worst = 0;
        using var stop = new CancellationTokenSource();
        var pods = await session.Client.CoreV1.ListNamespacedPodAsync(session.Namespace);
        foreach (var pod in pods.Items)
            ready[pod.Metadata.Name] = IsReady(pod);
        var sampled = 0;
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, pod) in session.Client.CoreV1.WatchListNamespacedPodAsync(session.Namespace, resourceVersion: pods.Metadata.ResourceVersion, cancellationToken: stop.Token))
            {
                if (type == WatchEventType.Deleted)
                    ready.TryRemove(pod.Metadata.Name, out _);
                else
                    ready[pod.Metadata.Name] = IsReady(pod);
                worst = Math.Max(worst, replicas - ready.Values.Count(r => r));
                Interlocked.Increment(ref sampled);
            }
        }, stop.Token);

        (await session.Kubectl($"patch cloneset wide --type=json -p {Quote(ImagePatch(NewImage))}")).Ok();
        await session.RolledOut("wide", replicas, generation: 2);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        Assert.True(sampled >= replicas * 2, $"the watch saw only {sampled} pod changes");
        Assert.InRange(worst, 1, maxUnavailable);
        Assert.All(await RunningPods(session), p => Assert.Equal(($"docker.io/library/{NewImage}", 1), (p.Status.ContainerStatuses[0].Image, p.Status.ContainerStatuses[0].RestartCount)));
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static async Task<List<V1Pod>> RunningPods(CloneSetSession session) =>
        [.. (await session.Pods()).Where(p => p.Metadata.DeletionTimestamp is null)];

    private static List<(string, string, string, string)> Identity(IEnumerable<V1Pod> pods) =>
        [.. pods.Select(p => (p.Metadata.Name, p.Metadata.Uid, p.Status.PodIP, p.Spec.NodeName)).Order()];

    private static string Quote(string json) => "'" + json + "'";

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
