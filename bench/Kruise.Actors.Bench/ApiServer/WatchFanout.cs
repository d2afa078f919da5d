using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>
/// W watchers on the namespace, then one annotation patch per pod: either a burst from C
/// concurrent writers (delivery under saturation, mostly write queueing) or paced at a fixed
/// rate (delivery itself). Each patch carries its pod's index; latency runs from just before
/// the write is sent (and, separately, from when its response arrived) to each watcher's receipt.
/// </summary>
public sealed class WatchFanout(Kubernetes client, IServerUsage? server, string token, string ns, int pods, int watchers, int concurrency)
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);
    private static int _rounds;

    public sealed record Outcome(PhaseResult Writes, PhaseResult FromSend, PhaseResult FromAck, long Expected, long Received);

    /// <summary>One round; <paramref name="rate"/> is writes per second, or null for as fast as the concurrent writers go.</summary>
    public async Task<Outcome> Run(int? rate)
    {
        var round = Interlocked.Increment(ref _rounds);
        var mode = rate is { } r ? $"paced {r}/s" : "burst";
        var list = await client.CoreV1.ListNamespacedPodAsync(ns, limit: 1).ConfigureAwait(false);
        var open = new List<PodWatcher>();
        try
        {
            for (var w = 0; w < watchers; w++)
                open.Add(await PodWatcher.Open(client, token, ns, list.Metadata.ResourceVersion, round, pods).ConfigureAwait(false));

            var sent = new long[pods];
            var acked = new long[pods];
            async Task Write(int i)
            {
                var probe = round.ToString(CultureInfo.InvariantCulture) + ":" + i.ToString(CultureInfo.InvariantCulture);
                var patch = new V1Patch("{\"metadata\":{\"annotations\":{\"" + PodWatcher.ProbeAnnotation + "\":\"" + probe + "\"}}}", V1Patch.PatchType.MergePatch);
                sent[i] = Stopwatch.GetTimestamp();
                await client.CoreV1.PatchNamespacedPodAsync(patch, PodWorkload.PodName(i), ns).ConfigureAwait(false);
                acked[i] = Stopwatch.GetTimestamp();
            }
            var clock = await PhaseClock.Start(server).ConfigureAwait(false);
            var latencies = rate is { } perSecond ? await Paced(perSecond, Write).ConfigureAwait(false) : await Concurrently.Run(pods, concurrency, Write).ConfigureAwait(false);
            var writing = await clock.Stop().ConfigureAwait(false);
            var writes = writing.Result($"update, {watchers} watching ({mode})", pods, PodWorkload.Summary(latencies));

            // Delivery is measured until every watcher has every event, or the timeout says some never came.
            await Task.WhenAny(Task.WhenAll(open.Select(o => o.Complete)), Task.Delay(DeliveryTimeout)).ConfigureAwait(false);
            var delivering = await clock.Stop().ConfigureAwait(false);
            var lastReceipt = open.SelectMany(o => o.Receipts).DefaultIfEmpty(0).Max();
            var seconds = Ticks.ToMilliseconds(lastReceipt - sent.Min()) / 1000;
            var received = open.Sum(o => (long)o.Received);
            var expected = (long)pods * watchers;
            var note = received == expected ? null : $"{expected - received} events never arrived";
            return new Outcome(
                writes,
                delivering.Result($"watch event, send→receipt ({mode})", received, LatencySummary.Of(Delivered(open, sent)), note, seconds),
                delivering.Result($"watch event, ack→receipt ({mode})", received, LatencySummary.Of(Delivered(open, acked)), note, seconds),
                expected,
                received);
        }
        finally
        {
            foreach (var watcher in open)
                await watcher.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Open loop: write i is started at i/rate seconds whether or not earlier ones have returned,
    // so a slow response shows as latency instead of silently lowering the rate.
    private async Task<long[]> Paced(int rate, Func<int, Task> write)
    {
        var latencies = new long[pods];
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(pods);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        var next = 0;
        while (next < pods)
        {
            var due = Math.Min(pods, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
            for (; next < due; next++)
            {
                var i = next;
                inFlight.Add(Task.Run(async () =>
                {
                    var begin = Stopwatch.GetTimestamp();
                    await write(i).ConfigureAwait(false);
                    latencies[i] = Stopwatch.GetTimestamp() - begin;
                }));
            }
            await timer.WaitForNextTickAsync().ConfigureAwait(false);
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return latencies;
    }

    // A negative ack→receipt latency means the watcher had the event before the writer had its response.
    private static IEnumerable<double> Delivered(List<PodWatcher> watchers, long[] reference) =>
        watchers.SelectMany(w => w.Receipts.Select((at, i) => (at, i)))
            .Where(r => r.at != 0)
            .Select(r => Ticks.ToMilliseconds(r.at - reference[r.i]));
}
