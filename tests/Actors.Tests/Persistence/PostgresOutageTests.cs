using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.Kube;
using Kruise.Actors.LocalCluster.Tests.Integration;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Tests.Integration;
using Xunit.Abstractions;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>
/// Issue 7: PostgreSQL stopped for 30 s in the middle of a CloneSet scale-up or in-place rollout.
/// The replica stays up (healthy and ready: it still answers webhooks) and counts the journal's
/// failures, nothing reaches the API server without its intent in the journal, and once
/// PostgreSQL is back the work finishes exactly: the wanted pods, each update done once.
/// </summary>
[Collection(RolloutClusterTests.Name)]
public sealed class PostgresOutageTests(RolloutClusterFixture api, ITestOutputHelper output) : IDisposable
{
    /// <summary>How long PostgreSQL stays down: what the issue asks the controller to survive.</summary>
    private const int OutageSeconds = 30;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);
    private readonly ThrowawayPostgres _postgres = ThrowawayPostgres.Start();
    private readonly HttpClient _http = new();

    [Fact]
    public async Task A_scale_up_with_PostgreSQL_down_for_30_seconds_resumes_and_ends_with_exactly_the_wanted_pods()
    {
        var ns = await api.Namespace();
        await using var host = await StartController();
        (await Kubectl(ns, "apply -f -", CloneSetSession.Yaml("web", 20))).Ok();
        await Eventually.True(async () => (await Pods(ns)).Count >= 4, "the scale-up is under way");

        var (resumed, podsAtResume) = await Outage(host, ns);

        await Settled(host, ns, "web", 20);
        var pods = (await Pods(ns)).Select(p => p.Metadata.Name).ToList();
        var reader = new Journal.EventLogReader(_postgres.Target, ControllerCatalog.CreateDefault().Events);
        var creates = (await reader.Read(new EntityId("CloneSet", ns, "web"), 0, CancellationToken.None)).Where(e => e.Manifest == "cs.pod-create").ToList();
        var intended = creates.Select(e => (string)e.Event!["name"]!).ToList();
        var intendedBeforeResume = creates.Where(e => e.Time < resumed).Select(e => (string)e.Event!["name"]!).ToHashSet();
        // Nothing reached the API server without its intent journaled first, outage or not.
        Assert.Subset(intendedBeforeResume, podsAtResume.Select(p => p.Metadata.Name).ToHashSet());
        // Exactly the wanted pods, each intended once and made once: nothing lost, nothing repeated.
        Assert.Equal(20, pods.Distinct().Count());
        Assert.Equal(pods.Order(StringComparer.Ordinal), intended.Order(StringComparer.Ordinal));
        AssertJournalContiguous();
    }

    [Fact]
    public async Task An_in_place_rollout_with_PostgreSQL_down_for_30_seconds_finishes_restarting_every_container_exactly_once()
    {
        const int replicas = 8;
        var ns = await api.Namespace();
        await using var host = await StartController();
        (await Kubectl(ns, "apply -f -", CloneSetSession.Yaml("web", replicas, extraSpec: "  updateStrategy:\n    type: InPlaceIfPossible\n    maxUnavailable: 2"))).Ok();
        await Updated(host, ns, "web", replicas, image: "nginx:1.25");
        var before = Identity(await Pods(ns));

        (await Kubectl(ns, """patch cloneset web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"}]'""")).Ok();
        await Eventually.True(async () => (await Pods(ns)).Count(p => p.Spec.Containers[0].Image == "nginx:1.27") >= 2, "the rollout is under way");

        var (_, podsAtResume) = await Outage(host, ns);
        output.WriteLine($"{podsAtResume.Count(p => p.Spec.Containers[0].Image == "nginx:1.27")} of {replicas} pods updated when PostgreSQL came back");
        Assert.InRange(podsAtResume.Count(p => p.Spec.Containers[0].Image == "nginx:1.27"), 2, replicas);

        await Updated(host, ns, "web", replicas, image: "nginx:1.27");
        var after = await Pods(ns);
        // In place: the same pods, and each container restarted once (an update repeated after the
        // outage would not restart it again; one lost would leave it at the old image).
        Assert.Equal(before, Identity(after));
        Assert.All(after, pod => Assert.Equal(("docker.io/library/nginx:1.27", 1), (pod.Status.ContainerStatuses[0].Image, pod.Status.ContainerStatuses[0].RestartCount)));
        AssertJournalContiguous();
    }

    /// <summary>A replica on the throwaway PostgreSQL writing 2 times a second, so the work is still under way when PostgreSQL stops.</summary>
    private async Task<ControllerHost> StartController()
    {
        var host = await ControllerHost.Start(new ControllerOptions
        {
            Kubeconfig = api.Server.KubeconfigPath,
            HttpHost = "127.0.0.1",
            HttpPort = 0,
            Runtime = new RuntimeOptions
            {
                Journal = _postgres.Target,
                LogLevel = "WARNING",
                Gateway = new GatewayOptions { Qps = 2, Burst = 1 },
            },
        });
        await Eventually.True(() => Answers(host, "readyz"), "the replica is ready");
        return host;
    }

    /// <summary>
    /// Stops PostgreSQL for <see cref="OutageSeconds"/>, probing the replica meanwhile, and starts it
    /// again; returns when it was started and the pods as they were just before.
    /// </summary>
    private async Task<(DateTimeOffset Resumed, List<V1Pod> Pods)> Outage(ControllerHost host, string ns)
    {
        var failuresBefore = await Metric(host, "kruise_actors_journal_failures_total");
        _postgres.Pause();
        var outageStarted = DateTime.UtcNow;
        output.WriteLine($"{outageStarted:HH:mm:ss.fff} PostgreSQL paused");
        var probes = new List<(bool Healthy, bool Ready)>();
        var journalSeenDown = false;
        while (DateTime.UtcNow - outageStarted < TimeSpan.FromSeconds(OutageSeconds))
        {
            probes.Add((await Answers(host, "healthz"), await Answers(host, "readyz")));
            journalSeenDown |= await Metric(host, "kruise_actors_journal_available") == 0;
            await Task.Delay(1000);
        }
        var failuresDuring = await Metric(host, "kruise_actors_journal_failures_total") - failuresBefore;
        var pods = await Pods(ns);
        var resumed = DateTimeOffset.UtcNow;
        _postgres.Resume();
        output.WriteLine($"{resumed:HH:mm:ss.fff} PostgreSQL resumed with {pods.Count} pods; {failuresDuring} journal failures meanwhile");

        // Degraded, not dead: the replica answered its probes throughout (no restart by the kubelet,
        // still in the webhook Service) and counted the journal's failures for alerts.
        Assert.All(probes, probe => Assert.Equal((true, true), probe));
        Assert.True(failuresDuring > 0, "kruise_actors_journal_failures_total rose during the outage");
        Assert.True(journalSeenDown, "kruise_actors_journal_available went to 0 during the outage");
        await Eventually.True(async () => await Metric(host, "kruise_actors_journal_available") == 1, "kruise_actors_journal_available is back to 1");
        return (resumed, pods);
    }

    private static List<(string, string, string, string)> Identity(IEnumerable<V1Pod> pods) =>
        [.. pods.Select(p => (p.Metadata.Name, p.Metadata.Uid, p.Status.PodIP, p.Spec.NodeName)).Order()];

    private async Task<long> Metric(ControllerHost host, string name)
    {
        var line = (await Get(host, "metrics")).Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Every persistence id (entities and sharding's own stores) has events 1..N with no gap.</summary>
    private void AssertJournalContiguous()
    {
        var rows = _postgres.Query("SELECT persistence_id, MIN(sequence_number) AS low, MAX(sequence_number) AS high, COUNT(*) AS n FROM journal GROUP BY persistence_id");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(
            ((string)row["persistence_id"]!, 1L, Convert.ToInt64(row["n"], CultureInfo.InvariantCulture)),
            ((string)row["persistence_id"]!, (long)row["low"]!, (long)row["high"]!)));
    }

    private async Task Settled(ControllerHost host, string ns, string name, int replicas)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var pods = (await Pods(ns)).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            var cloneSet = await CloneSet(ns, name);
            var state = await StateOf(host, ns, name);
            if (pods.Count == replicas && cloneSet.Status?.Replicas == replicas && cloneSet.Status.ObservedGeneration == cloneSet.Metadata.Generation && state?.Intents.IsEmpty == true)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{name} never settled at {replicas}: {pods.Count} pods, status.replicas {cloneSet.Status?.Replicas}, intents [{string.Join(", ", state?.Intents.Keys ?? [])}]");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until all <paramref name="replicas"/> pods run <paramref name="image"/>, are ready, the status says so and no intent is pending.</summary>
    private async Task Updated(ControllerHost host, string ns, string name, int replicas, string image)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var pods = (await Pods(ns)).Where(p => p.Metadata.DeletionTimestamp is null).ToList();
            var cloneSet = await CloneSet(ns, name);
            var state = await StateOf(host, ns, name);
            var ready = pods.Count(p => p.Spec.Containers[0].Image == image && p.Status?.ContainerStatuses?.FirstOrDefault()?.Image == $"docker.io/library/{image}"
                && p.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
            if (pods.Count == replicas && ready == replicas && cloneSet.Status?.UpdatedReadyReplicas == replicas
                && cloneSet.Status.ObservedGeneration == cloneSet.Metadata.Generation && state?.Intents.IsEmpty == true)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{name} never had {replicas} ready pods on {image}: {pods.Count} pods, {ready} ready on it, intents [{string.Join(", ", state?.Intents.Keys ?? [])}]");
            await Task.Delay(200);
        }
    }

    private static async Task<CloneSetState?> StateOf(ControllerHost host, string ns, string name)
    {
        try
        {
            return await host.Runtime.Ask<CloneSetState>(new EntityId("CloneSet", ns, name), GetEntityState.Instance, AskTimeout);
        }
        catch (Akka.Actor.AskTimeoutException)
        {
            return null;
        }
    }

    private Task<KubectlResult> Kubectl(string ns, string arguments, string? stdin = null) =>
        LocalCluster.Tests.Integration.Kubectl.Run(api.Server.KubeconfigPath, $"-n {ns} {arguments}", stdin);

    private async Task<List<V1Pod>> Pods(string ns) =>
        [.. (await api.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)];

    private async Task<CloneSet> CloneSet(string ns, string name) =>
        KubernetesJson.Deserialize<CloneSet>(KubernetesJson.Serialize(await api.Client.CustomObjects.GetNamespacedCustomObjectAsync("apps.kruise.io", "v1alpha1", ns, "clonesets", name)));

    private async Task<bool> Answers(ControllerHost host, string path)
    {
        using var response = await _http.GetAsync(new Uri(host.HttpUrl!, path));
        return response.IsSuccessStatusCode;
    }

    private async Task<string> Get(ControllerHost host, string path)
    {
        using var response = await _http.GetAsync(new Uri(host.HttpUrl!, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _postgres.Dispose();
    }
}
