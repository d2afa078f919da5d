using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Kube;

/// <summary>What a <see cref="ListWatchLoop"/> reports; called from the loop's task, one call at a time.</summary>
public interface IWatchSink
{
    /// <summary>A full list (at start, and after 410 Gone): the complete current set, at <paramref name="resourceVersion"/>.</summary>
    void Listed(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> items, string resourceVersion);

    void Changed(WatchChangeType type, IKubernetesObject<V1ObjectMeta> obj);

    /// <summary>A watch was opened from <paramref name="resourceVersion"/> (after a list, or resuming after the server ended one).</summary>
    void WatchOpened(string resourceVersion);
}

public sealed record WatchOptions
{
    /// <summary>The server ends each watch after about this long (jittered); the loop resumes from the last version.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int PageSize { get; init; } = 500;
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// List, then watch from the list's resourceVersion; when the server ends a watch, resume from the
/// last version seen (bookmarks included); on 410 Gone, list again. Every other failure (server
/// down, 5xx, RBAC, CRD not installed yet) is retried with backoff and logged once per outage.
/// </summary>
public sealed class ListWatchLoop(KubeApi api, WatchedResource resource, IWatchSink sink, WatchOptions options, HealthLog health, ControllerMetrics metrics)
{
    public async Task RunAsync(string? resumeFrom, CancellationToken cancellationToken)
    {
        var version = resumeFrom;
        var backoff = new Backoff(options.BackoffInitial, options.BackoffMax);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    version = await List(cancellationToken).ConfigureAwait(false);
                    health.Success();
                    backoff.Reset();
                }
                version = await Watch(version, () =>
                {
                    health.Success();
                    backoff.Reset();
                }, v => version = v, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.Code == HttpStatusCode.Gone)
            {
                version = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or JsonException or OperationCanceledException)
            {
                health.Failure(e is OperationCanceledException ? "watch stalled" : e.Message);
                try
                {
                    await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<string> List(CancellationToken cancellationToken)
    {
        var items = new List<IKubernetesObject<V1ObjectMeta>>();
        string? continueToken = null;
        string version;
        do
        {
            var query = $"?limit={options.PageSize}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
            using var page = await api.GetJsonAsync(resource.CollectionPath + query, cancellationToken).ConfigureAwait(false);
            var root = page.RootElement;
            var meta = root.GetProperty("metadata");
            version = meta.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() ?? "" : "";
            continueToken = meta.TryGetProperty("continue", out var c) && c.GetString() is { Length: > 0 } next ? next : null;
            if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                    items.Add(resource.Decode(item));
            }
        }
        while (continueToken is not null);
        metrics.Relisted(resource.ToString());
        sink.Listed(items, version);
        return version;
    }

    /// <summary>Runs one watch to its end; returns the version to resume from.</summary>
    private async Task<string> Watch(string version, Action opened, Action<string> progressed, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Max(1, options.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        var path = $"{resource.CollectionPath}?watch=true&allowWatchBookmarks=true&timeoutSeconds={seconds}&resourceVersion={Uri.EscapeDataString(version)}";
        // The server ends the watch at timeoutSeconds; a connection that goes silent past that is dead.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
        using var response = await api.SendAsync(HttpMethod.Get, path, null, "application/json", stall.Token).ConfigureAwait(false);
        opened();
        sink.WatchOpened(version);
        await using var stream = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(stall.Token).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
                continue;
            using var doc = JsonDocument.Parse(line);
            var type = doc.RootElement.GetProperty("type").GetString();
            var obj = doc.RootElement.GetProperty("object");
            switch (type)
            {
                case "ERROR":
                    throw KubeApiException.FromStatusObject(obj);
                case "BOOKMARK":
                    if (obj.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("resourceVersion", out var rv) && rv.GetString() is { Length: > 0 } bookmark)
                    {
                        version = bookmark;
                        progressed(version);
                    }
                    break;
                case "ADDED" or "MODIFIED" or "DELETED":
                    var decoded = resource.Decode(obj);
                    metrics.WatchEvent(resource.ToString());
                    sink.Changed(type switch { "ADDED" => WatchChangeType.Added, "MODIFIED" => WatchChangeType.Modified, _ => WatchChangeType.Deleted }, decoded);
                    if (decoded.Metadata.ResourceVersion is { Length: > 0 } next)
                    {
                        version = next;
                        progressed(version);
                    }
                    break;
            }
        }
        return version;
    }
}
