using k8s;
using k8s.Models;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// What a user watching the namespace's pods during a rollout sees, sampled on every pod change:
/// the most pods at once, the most short of ready, every pod name, and when each pod first showed
/// a revision other than the one it had when the watch began.
/// </summary>
public sealed class PodWatch : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _initialRevision = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _revisionChangedAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _replicas;
    private Task _watching = Task.CompletedTask;

    private PodWatch(int replicas) => _replicas = replicas;

    public int MostPods { get; private set; }
    public int MostUnavailable { get; private set; }
    public int Changes { get; private set; }

    /// <summary>When the most pods were unavailable, and how each of them looked then.</summary>
    public string WorstMoment { get; private set; } = "";

    public IReadOnlySet<string> NamesSeen
    {
        get
        {
            lock (_gate)
                return _names.ToHashSet(StringComparer.Ordinal);
        }
    }

    public static async Task<PodWatch> Start(Kubernetes client, string ns, int replicas)
    {
        var watch = new PodWatch(replicas);
        var list = await client.CoreV1.ListNamespacedPodAsync(ns);
        foreach (var pod in list.Items)
        {
            watch.Apply(WatchEventType.Added, pod, counted: false);
            watch._initialRevision[pod.Metadata.Name] = Revision(pod);
        }
        watch._watching = Task.Run(() => watch.Run(client, ns, list.Metadata.ResourceVersion));
        return watch;
    }

    /// <summary>Pods, ready now and still at the revision they started at (not yet touched by the rollout).</summary>
    public IReadOnlySet<string> Untouched()
    {
        lock (_gate)
            return _pods.Values.Where(p => IsReady(p) && !_revisionChangedAt.ContainsKey(p.Metadata.Name)).Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>How many pods show a revision other than the one they had when the watch began.</summary>
    public int Changed
    {
        get
        {
            lock (_gate)
                return _revisionChangedAt.Count;
        }
    }

    /// <summary>When the <paramref name="n"/>-th pod (1-based) showed a new revision, if that many have.</summary>
    public DateTime? NthRevisionChange(int n)
    {
        lock (_gate)
            return _revisionChangedAt.Count >= n ? _revisionChangedAt.Values.Order().ElementAt(n - 1) : null;
    }

    private async Task Run(Kubernetes client, string ns, string version)
    {
        // The server ends a watch now and then; carry on from the last version seen.
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: version, cancellationToken: _stop.Token))
                {
                    version = pod.Metadata.ResourceVersion ?? version;
                    Apply(type, pod, counted: true);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }
    }

    private void Apply(WatchEventType type, V1Pod pod, bool counted)
    {
        lock (_gate)
        {
            var name = pod.Metadata.Name;
            _names.Add(name);
            if (type == WatchEventType.Deleted)
                _pods.Remove(name);
            else
                _pods[name] = pod;
            if (_initialRevision.TryGetValue(name, out var initial) && Revision(pod) != initial && !_revisionChangedAt.ContainsKey(name))
                _revisionChangedAt[name] = DateTime.UtcNow;
            MostPods = Math.Max(MostPods, _pods.Count);
            // Only from watch events: while the initial list is being applied not every pod is in yet.
            var unavailable = _replicas - _pods.Values.Count(IsReady);
            if (counted && unavailable > MostUnavailable)
            {
                MostUnavailable = unavailable;
                WorstMoment = $"{DateTime.UtcNow:HH:mm:ss.fff}: " + string.Join(", ", _pods.Values.Where(p => !IsReady(p)).Select(Describe));
            }
            if (counted)
                Changes++;
        }
    }

    private static string Describe(V1Pod pod) =>
        $"{pod.Metadata.Name}@{Revision(pod)} {pod.Status?.Phase} node {pod.Spec?.NodeName} ["
        + string.Join(" ", pod.Status?.Conditions?.Select(c => $"{c.Type}={c.Status}") ?? []) + "]";

    private static string? Revision(V1Pod pod) => pod.Metadata.Labels?.TryGetValue("controller-revision-hash", out var hash) == true ? hash : null;

    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
