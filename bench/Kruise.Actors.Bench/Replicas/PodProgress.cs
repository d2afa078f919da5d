using System.Diagnostics;
using System.Text.Json.Nodes;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>
/// Follows the benchmark namespace's pods through the store's watch (in this process, no client in
/// between) and notes, per image, when each pod's spec first asked for it ("started") and when the
/// pod first ran it Running and Ready ("done"), as Stopwatch timestamps; and when each pod was
/// first marked InPlaceUpdateReady=False, the first write of an in-place update (before the spec changes).
/// </summary>
public sealed class PodProgress
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, long>> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _markedNotReady = new(StringComparer.Ordinal);

    public Task Follow(WatchHub.Subscription subscription, CancellationToken cancellationToken) =>
        PodWatch.Follow(subscription, Observe, cancellationToken);

    private void Observe(string name, JsonObject pod)
    {
        var now = Stopwatch.GetTimestamp();
        if (PodWatch.Text(pod["spec"]?["containers"]?[0]?["image"]) is not { } image)
            return;
        lock (_gate)
        {
            Of(_started, image).TryAdd(name, now);
            if (RunsReady(pod, image))
                Of(_done, image).TryAdd(name, now);
            if (InPlaceNotReady(pod))
                _markedNotReady.TryAdd(name, now);
        }
    }

    /// <summary>Pods whose spec has asked for <paramref name="image"/>, with when it first did.</summary>
    public IReadOnlyDictionary<string, long> Started(string image)
    {
        lock (_gate)
            return new Dictionary<string, long>(Of(_started, image), StringComparer.Ordinal);
    }

    /// <summary>Pods ever marked InPlaceUpdateReady=False (an in-place update begun), with when first.</summary>
    public IReadOnlyDictionary<string, long> MarkedNotReady()
    {
        lock (_gate)
            return new Dictionary<string, long>(_markedNotReady, StringComparer.Ordinal);
    }

    /// <summary>Pods that have run <paramref name="image"/> Running and Ready, with when they first did.</summary>
    public IReadOnlyDictionary<string, long> Done(string image)
    {
        lock (_gate)
            return new Dictionary<string, long>(Of(_done, image), StringComparer.Ordinal);
    }

    public int DoneCount(string image)
    {
        lock (_gate)
            return Of(_done, image).Count;
    }

    /// <summary>Until <paramref name="count"/> pods have run <paramref name="image"/>; returns when the last of them first did.</summary>
    public async Task<long> WaitDone(string image, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
            {
                var done = Of(_done, image);
                if (done.Count >= count)
                    return done.Values.Order().ElementAt(count - 1);
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"only {DoneCount(image)} of {count} pods ran {image} Running and Ready within {timeout}");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, long> Of(Dictionary<string, Dictionary<string, long>> byImage, string image)
    {
        if (!byImage.TryGetValue(image, out var pods))
            byImage[image] = pods = new Dictionary<string, long>(StringComparer.Ordinal);
        return pods;
    }

    // The spec's image, Running, Ready, and every container ready on that image (not the old one still restarting).
    private static bool RunsReady(JsonObject pod, string image) =>
        PodWatch.IsRunningAndReady(pod)
        && pod["status"]?["containerStatuses"] is JsonArray { Count: > 0 } containers
        && containers.All(c => c?["ready"] is JsonValue ready && ready.TryGetValue<bool>(out var r) && r
            && PodWatch.Text(c["image"]) is { } running && (running == image || running.EndsWith("/" + image, StringComparison.Ordinal)));

    private static bool InPlaceNotReady(JsonObject pod) =>
        pod["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => PodWatch.Text(c?["type"]) == "InPlaceUpdateReady" && PodWatch.Text(c?["status"]) == "False");
}
