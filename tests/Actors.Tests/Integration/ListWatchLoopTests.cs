using k8s;
using Akka.Event;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Tests.Integration;

/// <summary>List+watch of pods on the embedded API server: resume after the server ends a watch, relist after 410.</summary>
[Collection(ApiServerTests.Name)]
public sealed class ListWatchLoopTests(ApiServerFixture api)
{
    private readonly ControllerMetrics _metrics = new();

    private ListWatchLoop Loop(RecordingSink sink, TimeSpan watchTimeout) =>
        new(api.Api(), WatchedResource.Pods, sink, new WatchOptions { WatchTimeout = watchTimeout, BackoffInitial = TimeSpan.FromMilliseconds(20) },
            new HealthLog("watch", NoLogger.Instance), _metrics);

    [Fact]
    public async Task Existing_and_new_objects_arrive_and_ended_watches_resume_without_relisting()
    {
        var ns = await api.Namespace();
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "a"), ns);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var run = Loop(sink, TimeSpan.FromSeconds(1)).RunAsync(null, stop.Token);

        await Eventually.True(() => sink.In(ns).Contains((WatchChangeType.Added, "a")), "the listed pod is delivered");
        // The server ends each watch after ~1-2 s; wait for two resumes.
        await Eventually.True(() => sink.Opened.Count >= 3, "the watch is reopened after the server ends it");
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "b"), ns);
        await api.Client.CoreV1.DeleteNamespacedPodAsync("a", ns);
        await Eventually.True(() => sink.In(ns).Contains((WatchChangeType.Deleted, "a")), "the delete is delivered");

        await stop.CancelAsync();
        await run;
        Assert.Equal([(WatchChangeType.Added, "a"), (WatchChangeType.Added, "b"), (WatchChangeType.Deleted, "a")], sink.In(ns));
        Assert.Equal(1, sink.Lists);
        Assert.Equal(1, _metrics.RelistCount("pods"));
    }

    [Fact]
    public async Task After_410_the_loop_relists_and_what_vanished_meanwhile_comes_out_as_deleted()
    {
        var ns = await api.Namespace();
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "a"), ns);
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "b"), ns);
        var sink = new RecordingSink();
        using (var first = new CancellationTokenSource())
        {
            var run = Loop(sink, TimeSpan.FromMinutes(5)).RunAsync(null, first.Token);
            await Eventually.True(() => sink.Opened.Count >= 1, "the first watch opens");
            await first.CancelAsync();
            await run;
        }
        var resumeFrom = sink.Opened[^1];
        Assert.Equal([(WatchChangeType.Added, "a"), (WatchChangeType.Added, "b")], sink.In(ns));

        // While nobody watches: a is deleted, c created, and the history compacted.
        await api.Client.CoreV1.DeleteNamespacedPodAsync("a", ns);
        await api.Client.CoreV1.CreateNamespacedPodAsync(ApiServerFixture.Pod(ns, "c"), ns);
        api.Server.Store.CompactWatchHistory();

        using var second = new CancellationTokenSource();
        var resumed = Loop(sink, TimeSpan.FromMinutes(5)).RunAsync(resumeFrom, second.Token);
        await Eventually.True(() => sink.Lists == 2, "a relist after 410 Gone");
        await Eventually.True(() => sink.In(ns).Count == 4, "the relist diff arrives");
        await second.CancelAsync();
        await resumed;

        Assert.Equal([(WatchChangeType.Added, "a"), (WatchChangeType.Added, "b"), (WatchChangeType.Added, "c"), (WatchChangeType.Deleted, "a")], sink.In(ns));
        Assert.Equal(2, _metrics.RelistCount("pods"));
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_until_cancelled()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var config = new k8s.KubernetesClientConfiguration { Host = $"https://127.0.0.1:{port}", SkipTlsVerify = true, AccessToken = "x" };
        var health = new HealthLog("watch", NoLogger.Instance);
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        var run = new ListWatchLoop(KubeApi.Create(config), WatchedResource.Pods, sink,
            new WatchOptions { BackoffInitial = TimeSpan.FromMilliseconds(5), BackoffMax = TimeSpan.FromMilliseconds(20) }, health, _metrics).RunAsync(null, stop.Token);

        await Eventually.True(() => health.Failures >= 4, "several attempts fail");
        await stop.CancelAsync();
        await run;

        Assert.True(health.IsFailing);
        Assert.Equal(1, health.Changes); // one log line for the whole outage
        Assert.Equal(0, sink.Lists);
    }
}
