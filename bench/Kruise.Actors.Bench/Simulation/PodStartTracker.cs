using System.Diagnostics;
using System.Text.Json.Nodes;
using Kruise.Actors.Bench.Harness;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.Bench.Simulation;

/// <summary>
/// Follows the benchmark namespace's pods in the store's watch and notes when each was first
/// bound to a node and first Running and Ready, as Stopwatch timestamps.
/// </summary>
public sealed class PodStartTracker(int expected)
{
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Bound => _bound.Count;
    public int Started => _started.Count;
    public long? LastBoundAt { get; private set; }
    public long? LastStartedAt { get; private set; }
    public Task AllStarted => _allStarted.Task;

    /// <summary>Reads the subscription until it completes or the token is cancelled.</summary>
    public Task Follow(WatchHub.Subscription subscription, CancellationToken cancellationToken) =>
        PodWatch.Follow(subscription, Observe, cancellationToken);

    private void Observe(string name, JsonObject pod)
    {
        var now = Stopwatch.GetTimestamp();
        if (!string.IsNullOrEmpty(PodWatch.Text(pod["spec"]?["nodeName"])) && _bound.Add(name) && _bound.Count == expected)
            LastBoundAt = now;
        if (PodWatch.IsRunningAndReady(pod) && _started.Add(name) && _started.Count == expected)
        {
            LastStartedAt = now;
            _allStarted.TrySetResult();
        }
    }
}
