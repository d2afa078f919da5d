using System.Collections.Concurrent;
using k8s.Models;
using Kruise.Actors.LocalCluster.Faults;
using Kruise.Actors.LocalCluster.Simulation;
using Kruise.Actors.LocalCluster.Tests.Integration;

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
public sealed class FaultToleranceTests(FaultyClusterFixture api) : IClassFixture<FaultyClusterFixture>
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
            await session.StartController();
            using var sampling = new CancellationTokenSource();
            var most = new ConcurrentDictionary<string, int>();
            var sampler = Sample(session, most, sampling.Token);

            await Accepted(session, "apply -f -", CloneSetSession.Yaml("grow", 2));
            await Accepted(session, "apply -f -", CloneSetSession.Yaml("roll", 4, extraSpec: "  updateStrategy:\n    type: InPlaceIfPossible\n    maxUnavailable: 2"));
            await Accepted(session, "apply -f -", CloneSetSession.Yaml("shrink", 5));
            await session.RolledOut("grow", 2);
            await session.RolledOut("roll", 4);
            await session.RolledOut("shrink", 5);
            var before = PodNames(await session.Pods(), "roll");

            await Accepted(session, "scale cloneset grow --replicas=5");
            await Accepted(session, "patch cloneset roll --type=json -p [{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.27\"}]");
            await Accepted(session, "scale cloneset shrink --replicas=2");
            await session.RolledOut("grow", 5, generation: 2);
            await session.RolledOut("roll", 4, generation: 2);
            await session.RolledOut("shrink", 2, generation: 2);

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
