using System.Globalization;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Tests.Integration;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// Several `kruise-actors run` processes as one controller on a shared PostgreSQL journal: the
/// entities spread over them, a replica stopped mid-rollout loses nothing (same pods,
/// maxUnavailable kept, no journal gap), and a replica the cluster downs exits to be restarted.
/// </summary>
public sealed class ReplicaFailoverTests(ITestOutputHelper output)
{
    private const string NewImage = "nginx:1.27";

    [Fact]
    public async Task Two_replicas_share_the_pod_entities_of_a_CloneSet_one_entity_per_pod()
    {
        const int replicas = 24;
        await using var cluster = await ReplicaCluster.Start(2, output);
        (await cluster.Kubectl("apply -f -", CloneSetSession.Yaml("spread", replicas))).Ok();
        await RolledOut(cluster, "spread", replicas, generation: 1);

        await Eventually.True(async () =>
        {
            var counts = (await cluster.EntityCounts("Pod")).Values.ToList();
            return counts.Count == 2 && counts.All(n => n > 0) && counts.Sum() == replicas;
        }, "both replicas host pod entities, one per pod in all", seconds: 60);
    }

    [Fact]
    public async Task Killing_the_replica_of_the_CloneSet_mid_rollout_loses_nothing_and_the_rollout_completes_in_place()
    {
        const int replicas = 24, maxUnavailable = 3;
        await using var cluster = await ReplicaCluster.Start(3, output);
        var (before, watch) = await StartInPlaceRollout(cluster, "web", replicas, maxUnavailable);
        await using (watch)
        {
            var host = await cluster.HostOf("CloneSet");
            Assert.NotEmpty(watch.Untouched());
            var changedAtKill = watch.Changed;
            var killedAt = DateTime.UtcNow;
            host.Crash();

            await RolledOut(cluster, "web", replicas, generation: 2, seconds: 240);
            // Up to maxUnavailable requests may have left before the kill; one pod beyond those is
            // the rollout moving on under the new incarnation (an upper bound of the failover time).
            var resumed = watch.NthRevisionChange(changedAtKill + maxUnavailable + 1);
            output.WriteLine($"failover: {host.Name} killed with {changedAtKill} pods updated; the rollout went past the requests in flight "
                + (resumed is { } at ? $"{(at - killedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s after the kill" : "never"));

            await AssertNothingLost(cluster, watch, before, replicas, maxUnavailable);
            Assert.True(host.HasExited);
            foreach (var survivor in cluster.Replicas.Where(r => r != host))
                Assert.True(await survivor.Ready(cluster.Http), $"{survivor.Name} is still ready");
        }
    }

    [Fact]
    public async Task A_replica_stopped_with_SIGTERM_mid_rollout_hands_its_entities_over_and_exits_0()
    {
        const int replicas = 24, maxUnavailable = 3;
        await using var cluster = await ReplicaCluster.Start(2, output);
        var (before, watch) = await StartInPlaceRollout(cluster, "web", replicas, maxUnavailable);
        await using (watch)
        {
            var host = await cluster.HostOf("CloneSet");
            Assert.NotEmpty(watch.Untouched());

            var exitCode = await host.Terminate(TimeSpan.FromSeconds(90));

            Assert.Equal(0, exitCode);
            await RolledOut(cluster, "web", replicas, generation: 2, seconds: 240);
            await AssertNothingLost(cluster, watch, before, replicas, maxUnavailable);
            var survivor = cluster.Replicas.Single(r => r != host);
            Assert.True((await survivor.Entities(cluster.Http)).GetValueOrDefault("CloneSet") > 0, "the CloneSet entity moved to the other replica");
        }
    }

    /// <summary>
    /// Keep-majority on an even split keeps the side with the lowest address: when the first of 2
    /// replicas stops answering (hung, paused: its port still accepts connections), the other downs
    /// itself. It must exit non-zero (to be restarted and rejoin), not linger outside any cluster.
    /// Three replicas survive the loss of any one.
    /// </summary>
    [Fact]
    public async Task The_survivor_of_2_replicas_whose_lowest_address_hangs_downs_itself_and_exits_non_zero()
    {
        await using var cluster = await ReplicaCluster.Start(2, output);
        var (lowest, other) = (cluster.Replicas[0], cluster.Replicas[1]);
        Assert.True(lowest.ClusterPort < other.ClusterPort);

        lowest.Freeze();
        var exitCode = await other.Exited(TimeSpan.FromSeconds(120));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(other.Log, line => line.Contains("downed", StringComparison.Ordinal));
    }

    /// <summary>
    /// A replica whose process is gone (its cluster port refuses connections) is downed by the
    /// others at once, so even the last of 2 carries on when the lowest address is killed: no split
    /// brain is possible with a process that no longer exists.
    /// </summary>
    [Fact]
    public async Task Killing_the_lowest_address_of_2_replicas_leaves_the_other_running_the_controller()
    {
        await using var cluster = await ReplicaCluster.Start(2, output);
        var (lowest, other) = (cluster.Replicas[0], cluster.Replicas[1]);
        Assert.True(lowest.ClusterPort < other.ClusterPort);

        lowest.Crash();
        await Eventually.True(() => other.Log.Any(line => line.Contains("is gone", StringComparison.Ordinal)), "the survivor found the killed replica gone", seconds: 60);
        // Its watchers moved to it (the oldest now), and it serves a CloneSet created after the kill.
        (await cluster.Kubectl("apply -f -", CloneSetSession.Yaml("after", 2))).Ok();
        await RolledOut(cluster, "after", 2, generation: 1);

        Assert.False(other.HasExited, "the survivor is still running");
        Assert.True(await other.Ready(cluster.Http), $"{other.Name} is ready");
    }

    /// <summary>A running CloneSet of <paramref name="replicas"/> pods, then a new image (InPlaceIfPossible): returns once the first batch is updating.</summary>
    private static async Task<(List<(string Name, string Uid)> Before, PodWatch Watch)> StartInPlaceRollout(ReplicaCluster cluster, string name, int replicas, int maxUnavailable)
    {
        var strategy = $"  updateStrategy:\n    type: InPlaceIfPossible\n    maxUnavailable: {maxUnavailable}";
        (await cluster.Kubectl("apply -f -", CloneSetSession.Yaml(name, replicas, extraSpec: strategy))).Ok();
        await RolledOut(cluster, name, replicas, generation: 1);
        var before = Identity(await LivePods(cluster));
        var watch = await PodWatch.Start(cluster.Api.Client, cluster.Namespace, replicas);
        (await cluster.Kubectl("apply -f -", CloneSetSession.Yaml(name, replicas, extraSpec: strategy, image: NewImage))).Ok();
        await Eventually.True(() => replicas - watch.Untouched().Count >= maxUnavailable, "the first batch is updating", seconds: 60);
        return (before, watch);
    }

    private async Task AssertNothingLost(ReplicaCluster cluster, PodWatch watch, List<(string Name, string Uid)> before, int replicas, int maxUnavailable)
    {
        output.WriteLine($"watch: {watch.Changes} pod changes, at most {watch.MostPods} pods and {watch.MostUnavailable} unavailable (at {watch.WorstMoment})");
        // In place: the same pods (name and uid) throughout, never an extra one.
        Assert.Equal(before, Identity(await LivePods(cluster)));
        Assert.Equal(before.Select(p => p.Name).ToHashSet(StringComparer.Ordinal), watch.NamesSeen);
        Assert.True(watch.MostPods <= replicas, $"{watch.MostPods} pods at once");
        Assert.True(watch.Changes >= replicas * 2, $"the watch saw only {watch.Changes} pod changes");
        Assert.True(watch.MostUnavailable >= 1 && watch.MostUnavailable <= maxUnavailable, $"{watch.MostUnavailable} unavailable at {watch.WorstMoment}");
        Assert.All(await LivePods(cluster), p => Assert.Equal(NewImage, p.Spec.Containers[0].Image));
        AssertJournalHasNoGap(cluster);
    }

    // Every entity's events are numbered 1..n without a hole: no write acknowledged to one
    // incarnation was lost, and no two incarnations wrote past each other.
    private static void AssertJournalHasNoGap(ReplicaCluster cluster)
    {
        var rows = cluster.Journal.Query(
            "SELECT persistence_id, COUNT(*) AS n, MIN(sequence_number) AS lo, MAX(sequence_number) AS hi FROM journal GROUP BY persistence_id");
        var streams = rows.Select(r => (Id: (string)r["persistence_id"]!, N: Convert.ToInt64(r["n"], CultureInfo.InvariantCulture),
            Lo: Convert.ToInt64(r["lo"], CultureInfo.InvariantCulture), Hi: Convert.ToInt64(r["hi"], CultureInfo.InvariantCulture))).ToList();
        Assert.Contains(streams, s => s.Id.StartsWith("CloneSet/", StringComparison.Ordinal));
        Assert.Contains(streams, s => s.Id.StartsWith("Pod/", StringComparison.Ordinal));
        Assert.All(streams, s => Assert.True(s.Lo == 1 && s.N == s.Hi, $"{s.Id}: {s.N} events numbered {s.Lo}..{s.Hi}"));
    }

    /// <summary>Waits until every pod runs the update revision and is ready, and the status says so for <paramref name="generation"/>.</summary>
    private static async Task RolledOut(ReplicaCluster cluster, string name, int replicas, long generation, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var pods = await LivePods(cluster);
            var cloneSet = KubernetesJson.Deserialize<CloneSet>(KubernetesJson.Serialize(
                await cluster.Api.Client.CustomObjects.GetNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", cluster.Namespace, "clonesets", name)));
            var status = cloneSet.Status;
            var ready = pods.Count(PodWatch.IsReady);
            var updated = pods.Count(p => status?.UpdateRevision is { } revision && p.Metadata.Labels is { } labels && labels.TryGetValue("controller-revision-hash", out var hash) && hash == revision);
            if (pods.Count == replicas && ready == replicas && updated == replicas && status?.UpdatedReadyReplicas == replicas
                && cloneSet.Metadata.Generation == generation && status.ObservedGeneration == generation)
                return;
            if (DateTime.UtcNow > deadline)
            {
                var behind = pods.Where(p => p.Metadata.Labels?.TryGetValue("controller-revision-hash", out var hash) != true || hash != status?.UpdateRevision)
                    .Select(p => p.Metadata.Name).ToList();
                Assert.Fail($"{name} never rolled out generation {generation}: {pods.Count} pods, {ready} ready, {updated} at {status?.UpdateRevision}, "
                    + $"status updatedReady {status?.UpdatedReadyReplicas}, observedGeneration {status?.ObservedGeneration} of {cloneSet.Metadata.Generation}; "
                    + $"journal of the CloneSet (last 12): {Journaled(cluster, $"CloneSet/{cluster.Namespace}/{name}", 12)}; "
                    + string.Join("; ", behind.Take(3).Select(pod => $"journal of pod {pod}: {Journaled(cluster, $"Pod/{cluster.Namespace}/{pod}", 12)}"))
                    // Where a pod that is not ready stopped: unscheduled (no node), not started, or its readiness gate never set.
                    + "; not ready: " + string.Join("; ", pods.Where(p => !PodWatch.IsReady(p)).Take(3).Select(p =>
                        $"{p.Metadata.Name} phase {p.Status?.Phase}, node {p.Spec.NodeName ?? "none"}, conditions "
                        + string.Join(",", p.Status?.Conditions?.Select(c => $"{c.Type}={c.Status}") ?? []))));
            }
            await Task.Delay(250);
        }
    }

    private static string Journaled(ReplicaCluster cluster, string persistenceId, int last) =>
        string.Join(", ", cluster.Journal.Query($"SELECT sequence_number, manifest FROM journal WHERE persistence_id = '{persistenceId}' ORDER BY sequence_number DESC LIMIT {last}")
            .Select(r => $"{r["sequence_number"]}:{r["manifest"]}").Reverse());

    private static async Task<List<V1Pod>> LivePods(ReplicaCluster cluster) =>
        [.. (await cluster.Api.Client.CoreV1.ListNamespacedPodAsync(cluster.Namespace)).Items.Where(p => p.Metadata.DeletionTimestamp is null)];

    private static List<(string Name, string Uid)> Identity(IEnumerable<V1Pod> pods) =>
        [.. pods.Select(p => (p.Metadata.Name, p.Metadata.Uid)).Order()];
}
