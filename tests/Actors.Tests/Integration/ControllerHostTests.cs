using System.Net;
using k8s;
using Kruise.Actors.Entities;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Hosting;
using Kruise.Actors.Kube;
using Kruise.Actors.Tests.Runtime;

namespace Kruise.Actors.Tests.Integration;

/// <summary>
/// The whole replica against the embedded API server: watch -> shard region -> entity -> journal
/// -> gateway -> API, the HTTP endpoint, and a restart on the same journal.
/// </summary>
[Collection(ApiServerTests.Name)]
public sealed class ControllerHostTests(ApiServerFixture api) : IDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);
    private readonly JournalFolder _journal = new();
    private readonly HttpClient _http = new();

    private ControllerOptions Options()
    {
        var catalog = new ControllerCatalog().Add(new EntityKind<MarkerState>(WatchedResource.CloneSets, new MarkerModel())
        {
            AlsoObserves = [WatchedResource.Pods],
            SnapshotEvery = 10,
        });
        MarkerModel.Register(catalog.Events);
        return new ControllerOptions
        {
            Kubeconfig = api.Server.KubeconfigPath,
            Catalog = catalog,
            HttpHost = "127.0.0.1",
            HttpPort = 0,
            Runtime = new RuntimeOptions { Journal = _journal.Target, LogLevel = "WARNING" },
        };
    }

    private async Task<string> Get(ControllerHost host, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _http.GetAsync(new Uri(host.HttpUrl!, path));
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<bool> Answers(ControllerHost host, string path)
    {
        using var response = await _http.GetAsync(new Uri(host.HttpUrl!, path));
        return response.IsSuccessStatusCode;
    }

    private List<Dictionary<string, object?>> EventsOf(EntityId entity) =>
        _journal.Query($"SELECT manifest FROM journal WHERE persistence_id = '{entity}' ORDER BY sequence_number");

    [Fact]
    public async Task A_CloneSet_gets_its_marker_through_the_whole_pipeline_and_a_restart_repeats_nothing()
    {
        var ns = await api.Namespace();
        var web = await api.CreateCloneSet(ns, "web");
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "web-aaaaa", web), ns);
        var entity = new EntityId("CloneSet", ns, "web");

        await using (var host = await ControllerHost.Start(Options()))
        {
            await Eventually.True(() => Answers(host, "readyz"), "the replica is ready once the watchers listed");
            Assert.Equal("ok\n", await Get(host, "healthz"));
            await Eventually.True(async () => (await api.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Any(c => c.Metadata.Name == "web-marker"), "the marker is created");
            await Eventually.True(async () => (await host.Runtime.Ask<MarkerView>(entity, new WhatDoYouSee(), AskTimeout)).State.Done, "the outcome is persisted");

            var view = await host.Runtime.Ask<MarkerView>(entity, new WhatDoYouSee(), AskTimeout);
            Assert.True(view.Synced);
            Assert.Equal(1, view.Pods); // the pod reached its owner's entity
            Assert.Equal(["marker.requested", "marker.confirmed"], EventsOf(entity).Select(r => (string)r["manifest"]!));

            var metrics = await Get(host, "metrics");
            Assert.Matches(@"kruise_actors_entities\{kind=""CloneSet""\} [1-9]", metrics);
            Assert.Matches(@"kruise_actors_reconcile_total\{kind=""CloneSet""\} [1-9]", metrics);
            Assert.Matches(@"kruise_actors_api_writes_total\{verb=""create"",outcome=""Done""\} [1-9]", metrics);
            Assert.Matches(@"kruise_actors_journal_write_duration_seconds_count [1-9]", metrics);
            Assert.Contains("# TYPE kruise_actors_reconcile_duration_seconds histogram", metrics, StringComparison.Ordinal);
        }

        var marker = await api.Client.CoreV1.ReadNamespacedConfigMapAsync("web-marker", ns);
        // Sharding remembered the entity in the journal (event-sourced store).
        Assert.NotEmpty(_journal.Query("SELECT DISTINCT persistence_id FROM journal WHERE persistence_id LIKE '/sharding/CloneSet%'"));

        await using (var again = await ControllerHost.Start(Options()))
        {
            await Eventually.True(async () => (await again.Runtime.Ask<MarkerView>(entity, new WhatDoYouSee(), AskTimeout)).Synced, "the restarted entity is synced");
            var view = await again.Runtime.Ask<MarkerView>(entity, new WhatDoYouSee(), AskTimeout);
            Assert.True(view.State.Done);
            Assert.Equal(2, EventsOf(entity).Count);
            Assert.Equal(marker.Metadata.Uid, (await api.Client.CoreV1.ReadNamespacedConfigMapAsync("web-marker", ns)).Metadata.Uid);
        }
    }

    [Fact]
    public async Task An_intent_left_pending_by_a_crash_is_completed_after_the_restart()
    {
        var ns = await api.Namespace();
        await api.CreateCloneSet(ns, "db");
        var entity = new EntityId("CloneSet", ns, "db");
        await using (var first = await ControllerHost.Start(Options() with { HttpPort = null }))
        {
            await Eventually.True(async () => (await first.Runtime.Ask<MarkerView>(entity, new WhatDoYouSee(), AskTimeout)).State.Done, "first incarnation finishes");
        }
        // Make it as if that incarnation had persisted the intent and died before its write.
        await api.Client.CoreV1.DeleteNamespacedConfigMapAsync("db-marker", ns);
        _journal.Execute($"DELETE FROM journal WHERE persistence_id = '{entity}' AND manifest = 'marker.confirmed'");

        await using var restarted = await ControllerHost.Start(Options() with { HttpPort = null });
        await Eventually.True(async () => (await api.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Any(c => c.Metadata.Name == "db-marker"), "the pending create is re-sent");
        await Eventually.True(async () => (await restarted.Runtime.Ask<MarkerView>(entity, new WhatDoYouSee(), AskTimeout)).State.Done, "and confirmed");
        Assert.Equal(["marker.requested", "marker.confirmed"], EventsOf(entity).Select(r => (string)r["manifest"]!));
    }

    public void Dispose()
    {
        _http.Dispose();
        _journal.Dispose();
    }
}
