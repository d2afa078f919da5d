using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>
/// Watches through KubernetesClient the way informers use them: from a list's resourceVersion,
/// resumed from the last event seen, and relisted after 410 Expired once history is compacted.
/// </summary>
public class ClientWatchTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private Kubernetes Client => cluster.Client;

    private async Task<string> Namespace(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    // Every namespace also gets a kube-root-ca.crt ConfigMap from the cluster's publisher; watches
    // and lists select "suite=test" to see only what the test created.
    private const string Ours = "suite=test";

    private Task<V1ConfigMap> Create(string ns, string name, string? label = null) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = label is null ? new Dictionary<string, string> { ["suite"] = "test" } : new Dictionary<string, string> { ["suite"] = "test", ["watch"] = label },
            },
        }, ns);

    private Task<V1ConfigMap> Label(string ns, string name, string label) =>
        Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new V1ConfigMap { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["watch"] = label } } }, V1Patch.PatchType.MergePatch), name, ns);

    /// <summary>A running watch whose events (and errors) are collected for the test to read in order.</summary>
    private sealed class Watch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pump;

        public Watch(IAsyncEnumerable<(WatchEventType, V1ConfigMap)> events)
        {
            _pump = Task.Run(async () =>
            {
                try
                {
                    await foreach (var (type, item) in events.WithCancellation(_stop.Token))
                        await Events.Writer.WriteAsync($"{type} {item.Name()}");
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception e) when (e is k8s.Autorest.HttpOperationException or IOException or HttpRequestException)
                {
                    await Events.Writer.WriteAsync("FAILED " + e.Message);
                }
                Events.Writer.TryComplete();
            });
        }

        public Channel<string> Events { get; } = Channel.CreateUnbounded<string>();

        public async Task<string[]> Next(int count)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var events = new List<string>();
            while (events.Count < count)
                events.Add(await Events.Reader.ReadAsync(timeout.Token));
            return [.. events];
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _pump;
            _stop.Dispose();
        }
    }

    private Watch Start(string ns, string? resourceVersion, string? labelSelector = null, Action<Exception>? onError = null) =>
        new(Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: resourceVersion, labelSelector: labelSelector ?? Ours, onError: onError));

    [Fact]
    public async Task Watch_from_a_list_version_sees_later_changes_and_resumes_where_it_stopped()
    {
        var ns = await Namespace("resume");
        await Create(ns, "before");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);

        string lastSeen;
        await using (var watch = Start(ns, list.ResourceVersion()))
        {
            await Create(ns, "a");
            var a = await Label(ns, "a", "x");
            Assert.Equal(["Added a", "Modified a"], await watch.Next(2));
            lastSeen = a.ResourceVersion();
        }

        // Missed while no watch ran; a watch from the last version seen replays them in order.
        await Create(ns, "b");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns);
        await using (var resumed = Start(ns, lastSeen))
        {
            Assert.Equal(["Added b", "Deleted a"], await resumed.Next(2));
            await Create(ns, "c");
            Assert.Equal(["Added c"], await resumed.Next(1));
        }
    }

    [Fact]
    public async Task Watch_without_a_version_starts_with_the_current_objects()
    {
        var ns = await Namespace("initial");
        await Create(ns, "one");
        await Create(ns, "two");

        await using var watch = Start(ns, resourceVersion: null);

        Assert.Equal(["Added one", "Added two"], (await watch.Next(2)).Order());
        await Create(ns, "three");
        Assert.Equal(["Added three"], await watch.Next(1));
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_is_410_expired_and_a_relist_recovers()
    {
        var ns = await Namespace("expired");
        await Create(ns, "old");
        var stale = (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).ResourceVersion();
        await Create(ns, "newer");
        cluster.Server.Store.CompactWatchHistory();

        var errors = Channel.CreateUnbounded<Exception>();
        await using (var watch = Start(ns, stale, onError: e => errors.Writer.TryWrite(e)))
        {
            using var timeout = new CancellationTokenSource(Patience);
            // The ERROR event carries a Status, which the client hands to onError as a KubernetesException.
            var error = Assert.IsType<KubernetesException>(await errors.Reader.ReadAsync(timeout.Token));
            Assert.Equal(410, error.Status.Code);
            Assert.Equal("Expired", error.Status.Reason);
            Assert.StartsWith($"too old resource version: {stale} (", error.Status.Message);
        }

        // What an informer does next: list again, and watch from the fresh version.
        var relisted = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: Ours);
        Assert.Equal(["newer", "old"], relisted.Items.Select(c => c.Name()).Order());
        await using var fresh = Start(ns, relisted.ResourceVersion());
        await Create(ns, "latest");
        Assert.Equal(["Added latest"], await fresh.Next(1));
    }

    [Fact]
    public async Task A_label_selected_watch_sees_objects_enter_and_leave_the_selection()
    {
        var ns = await Namespace("selected");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "watch=yes");
        await using var watch = Start(ns, list.ResourceVersion(), labelSelector: "watch=yes");

        await Create(ns, "outside", "no");
        await Create(ns, "inside", "yes");
        await Label(ns, "outside", "yes");
        await Label(ns, "inside", "no");

        Assert.Equal(["Added inside", "Added outside", "Deleted inside"], await watch.Next(3));
    }

    [Fact]
    public async Task A_watch_ends_cleanly_at_its_timeout_and_bookmarks_carry_the_version()
    {
        var ns = await Namespace("timeout");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        var started = DateTime.UtcNow;

        var events = new List<(WatchEventType Type, string? Version)>();
        await foreach (var (type, item) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.ResourceVersion(), allowWatchBookmarks: true, timeoutSeconds: 1))
            events.Add((type, item.ResourceVersion()));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), Patience);
        Assert.All(events, e => Assert.Equal(WatchEventType.Bookmark, e.Type));
        Assert.All(events, e => Assert.Equal(list.ResourceVersion(), e.Version));
    }

    /// <summary>
    /// KubernetesClient's ...WithHttpMessagesAsync(watch: true) returns only once the first line
    /// arrives; with bookmarks allowed the server sends one at once, so a quiet watch opens promptly.
    /// </summary>
    [Fact]
    public async Task Opening_a_watch_with_bookmarks_returns_before_any_change_happens()
    {
        var ns = await Namespace("prompt");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var response = await Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, allowWatchBookmarks: true,
            resourceVersion: list.ResourceVersion(), cancellationToken: timeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Response.StatusCode);
    }
}
