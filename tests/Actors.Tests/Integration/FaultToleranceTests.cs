using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;
using Kruise.Actors.Kube;
using Kruise.Actors.LocalCluster.Faults;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Observability;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Integration;

/// <summary>The embedded API server on simulated nodes, used only by <see cref="FaultToleranceTests"/>: its faults would break any other test sharing it.</summary>
public sealed class FaultyClusterFixture : ApiServerFixture
{
    protected override SimulationOptions? Simulation => new();
}

/// <summary>
/// The controller against an API server that injects every fault at once: 15% of writes refused
/// (409, 429 with Retry-After, 500), watches cut every few seconds, the history compacted every few
/// seconds (so resumed watches and continued lists get 410), and latency on every request.
/// Every CloneSet must still converge, with no pod more than it may have.
/// </summary>
public sealed class FaultToleranceTests(FaultyClusterFixture api, ITestOutputHelper output) : IClassFixture<FaultyClusterFixture>
{
    private static readonly FaultOptions AllFaults = new()
    {
        WriteErrorRate = 0.15,
        Latency = TimeSpan.FromMilliseconds(10),
        WatchLifetime = TimeSpan.FromSeconds(3),
        CompactEvery = TimeSpan.FromSeconds(3),
        Seed = 7,
    };

    [Fact]
    public async Task Under_every_fault_CloneSets_scale_up_roll_out_in_place_and_scale_down_to_the_right_pods()
    {
        // The namespace is the test's own setup, made before the faults; the controller starts under them.
        await using var session = await CloneSetSession.Start(api, controller: false);
        api.Server.Faults.Options = AllFaults;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await session.StartController();
            using var sampling = new CancellationTokenSource();
            var most = new ConcurrentDictionary<string, int>();
            var sampler = Sample(session, most, sampling.Token);

            await Accepted(session, "apply -f -", CloneSetSession.Yaml("grow", 2));
            await Accepted(session, "apply -f -", CloneSetSession.Yaml("roll", 4, extraSpec: "  updateStrategy:\n    type: InPlaceIfPossible\n    maxUnavailable: 2"));
            await Accepted(session, "apply -f -", CloneSetSession.Yaml("shrink", 5));
            await RolledOut(session, "grow", 2, generation: 1);
            await RolledOut(session, "roll", 4, generation: 1);
            await RolledOut(session, "shrink", 5, generation: 1);
            output.WriteLine($"created at {clock.Elapsed}: {api.Server.Faults.Counts}");
            var before = PodNames(await session.Pods(), "roll");

            await Accepted(session, "scale cloneset grow --replicas=5");
            await Accepted(session, "patch cloneset roll --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.27\"}]'");
            await Accepted(session, "scale cloneset shrink --replicas=2");
            await RolledOut(session, "grow", 5, generation: 2);
            await RolledOut(session, "roll", 4, generation: 2);
            await RolledOut(session, "shrink", 2, generation: 2);
            output.WriteLine($"changed at {clock.Elapsed}: {api.Server.Faults.Counts}");

            await sampling.CancelAsync();
            await sampler;
            var pods = await session.Pods();
            Assert.Equal(before, PodNames(pods, "roll"));
            Assert.All(pods.Where(p => App(p) == "roll"), pod => Assert.Equal("nginx:1.27", Assert.Single(pod.Spec.Containers).Image));
            Assert.Equal([("grow", 5), ("roll", 4), ("shrink", 2)], pods.GroupBy(App).Select(g => (g.Key, g.Count())).Order());
            // maxSurge is 0: never a pod more than the larger of the old and new replicas.
            Assert.InRange(most.GetValueOrDefault("grow"), 2, 5);
            Assert.InRange(most.GetValueOrDefault("roll"), 4, 4);
            Assert.InRange(most.GetValueOrDefault("shrink"), 2, 5);

            // Every kind of fault was met, not just configured.
            var counts = api.Server.Faults.Counts;
            Assert.True(counts.Conflicts > 0 && counts.TooManyRequests > 0 && counts.InternalErrors > 0 && counts.WatchesCut > 0 && counts.Compactions > 0, counts.ToString());
        }
        finally
        {
            api.Server.Faults.Options = FaultOptions.None;
        }
    }

    /// <summary>
    /// Waits until the CloneSet's own pods (by app label: the namespace holds three CloneSets) are
    /// <paramref name="replicas"/>, all ready at the update revision, the status says so for
    /// <paramref name="generation"/>, and the entity has no intent pending.
    /// </summary>
    private static async Task RolledOut(CloneSetSession session, string name, int replicas, long generation)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var pods = (await session.Pods()).Where(p => App(p) == name && p.Metadata.DeletionTimestamp is null).ToList();
            var cloneSet = await session.CloneSet(name);
            var status = cloneSet.Status;
            var state = await session.State(name);
            var ready = pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
            var atRevision = pods.Count(p => status?.UpdateRevision is { } revision && p.Metadata.Labels.TryGetValue("controller-revision-hash", out var hash) && hash == revision);
            if (pods.Count == replicas && ready == replicas && atRevision == replicas && status?.UpdatedReadyReplicas == replicas && status.Replicas == replicas
                && cloneSet.Metadata.Generation == generation && status.ObservedGeneration == generation && state.Intents.IsEmpty)
                return;
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{name} never rolled out to {replicas}: {pods.Count} pods, {ready} ready, {atRevision} at {status?.UpdateRevision}, "
                    + $"status replicas {status?.Replicas} updatedReady {status?.UpdatedReadyReplicas}, observedGeneration {status?.ObservedGeneration} of {cloneSet.Metadata.Generation}, "
                    + $"intents [{string.Join(", ", state.Intents.Keys)}]");
            }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_conflict_on_a_write_whose_precondition_still_holds_is_retried_and_a_stale_one_is_reported()
    {
        var ns = await api.Namespace();
        var cloneSet = await api.CreateCloneSet(ns, "web");
        var pod = await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "web-abcde"), ns);
        var target = ObjectRef.Pod(ns, "web-abcde");
        var options = new GatewayOptions { RetryInitial = TimeSpan.FromMilliseconds(10), RetryMax = TimeSpan.FromMilliseconds(50), MaxAttempts = 3 };
        CommandExecutor Executor() => new(api.Api(new FailFirstWrites(HttpStatusCode.Conflict)), options, TimeProvider.System,
            new HealthLog("API server", Akka.Event.NoLogger.Instance), new ControllerMetrics());

        // No watch event would follow these conflicts: nothing changed. Each write is made on a retry.
        Assert.Equal(CommandStatus.Done, (await Executor().Execute(new PatchObject("p", target, PatchKind.Merge, """{"metadata":{"labels":{"patched":"yes"}}}"""), default)).Status);
        cloneSet.Status = new Kruise.Actors.Crds.Apps.CloneSetStatus { Replicas = 1 };
        Assert.Equal(CommandStatus.Done, (await Executor().Execute(new ReplaceStatus("s", ObjectRef.CloneSet(ns, "web"), cloneSet), default)).Status);
        Assert.Equal(1, (await Stored(ns)).Status!.Replicas);
        Assert.Equal(CommandStatus.Done, (await Executor().Execute(new DeleteObject("d", target, pod.Metadata.Uid), default)).Status);

        // A status write from a version that is no longer current stays a Conflict, retried or not.
        cloneSet.Status = new Kruise.Actors.Crds.Apps.CloneSetStatus { Replicas = 2 };
        Assert.Equal(CommandStatus.Conflict, (await Executor().Execute(new ReplaceStatus("s2", ObjectRef.CloneSet(ns, "web"), cloneSet), default)).Status);
        Assert.Equal(1, (await Stored(ns)).Status!.Replicas);

        async Task<Kruise.Actors.Crds.Apps.CloneSet> Stored(string n) => KubernetesJson.Deserialize<Kruise.Actors.Crds.Apps.CloneSet>(KubernetesJson.Serialize(
            await api.Client.CustomObjects.GetNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", n, "clonesets", "web")));
    }

    private static string App(V1Pod pod) => pod.Metadata.Labels?.TryGetValue("app", out var app) == true ? app : "";

    private static List<string> PodNames(IEnumerable<V1Pod> pods, string app) => [.. pods.Where(p => App(p) == app).Select(p => p.Metadata.Name).Order(StringComparer.Ordinal)];

    /// <summary>Records the most pods (terminating ones included) each CloneSet had at any look, until cancelled.</summary>
    private static async Task Sample(CloneSetSession session, ConcurrentDictionary<string, int> most, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var group in (await session.Pods()).GroupBy(App))
                most.AddOrUpdate(group.Key, group.Count(), (_, seen) => Math.Max(seen, group.Count()));
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>kubectl as a user under a flaky API server runs it: again after an injected refusal, until it is accepted.</summary>
    private static async Task Accepted(CloneSetSession session, string arguments, string? stdin = null)
    {
        KubectlResult result;
        var attempt = 0;
        do
        {
            result = await session.Kubectl(arguments, stdin);
            if (result.ExitCode == 0)
                return;
            Assert.True(result.Stderr.Contains("Error from server (InternalError)", StringComparison.Ordinal)
                || result.Stderr.Contains("Error from server (TooManyRequests)", StringComparison.Ordinal)
                || result.Stderr.Contains("Error from server (Conflict)", StringComparison.Ordinal), $"kubectl {arguments} failed: {result.Stderr}");
        }
        while (++attempt < 20);
        result.Ok();
    }
}
