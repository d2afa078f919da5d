using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>
/// `?watch=true`: a chunked stream of `{"type":..,"object":..}` lines. Without a resourceVersion
/// (or with "0") the current objects come first as ADDED; with one, only later changes; a
/// compacted version gets one ERROR event with 410 Expired, after which clients relist.
/// </summary>
public sealed class WatchEndpoint(ObjectStore store, TableOutput tables, TimeProvider clock)
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Serves one watch. With <paramref name="cutAfter"/> (fault injection) the connection is
    /// aborted then, as a dropped connection or a restarted apiserver does, and <paramref name="cut"/> is told.
    /// </summary>
    public async Task Serve(HttpContext context, ResourceType type, ApiPath path, TimeSpan? cutAfter = null, Action? cut = null)
    {
        var request = context.Request;
        var response = context.Response;
        var filter = ObjectFilter.From(request, type);
        var rvText = request.Query["resourceVersion"].FirstOrDefault();
        long? from = string.IsNullOrEmpty(rvText) || rvText == "0" ? null
            : long.TryParse(rvText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rv) ? rv
            : throw ApiException.BadRequest($"invalid resource version \"{rvText}\"");
        var bookmarks = QueryOptions.Flag(request, "allowWatchBookmarks");
        var table = QueryOptions.WantsTable(request);
        var timeout = TimeSpan.FromSeconds(QueryOptions.Long(request, "timeoutSeconds") ?? MaxTimeout.TotalSeconds);
        if (timeout > MaxTimeout)
            timeout = MaxTimeout;

        response.StatusCode = 200;
        response.ContentType = Responses.Json;
        response.Headers.CacheControl = "no-cache, private";
        var writer = new EventWriter(response, type, table ? tables : null, request);

        (IReadOnlyList<StoredObject> initial, WatchHub.Subscription subscription) watch;
        try
        {
            watch = store.Watch(type.Key, path.Namespace, from);
        }
        catch (ApiException gone) when (gone.Reason == "Expired")
        {
            await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await writer.WriteRaw("ERROR", Responses.Status(gone), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var subscription = watch.subscription;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        using var cutting = new CancellationTokenSource(cutAfter ?? Timeout.InfiniteTimeSpan, clock);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cutting.Token);
        var ct = ended.Token;
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            var lastSent = from ?? store.ResourceVersion;
            foreach (var item in watch.initial.Where(filter.Matches))
                await writer.Write("ADDED", item, ct).ConfigureAwait(false);
            if (bookmarks)
                await writer.Bookmark(lastSent, ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);

            var reader = subscription.Events;
            var lastBookmark = clock.GetUtcNow();
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(BookmarkInterval);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                        break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                while (reader.TryRead(out var change))
                {
                    lastSent = change.ResourceVersion;
                    if (Translate(change, filter) is { } type2)
                        await writer.Write(type2, change.Object, ct).ConfigureAwait(false);
                }
                if (bookmarks && clock.GetUtcNow() - lastBookmark >= BookmarkInterval)
                {
                    await writer.Bookmark(lastSent, ct).ConfigureAwait(false);
                    lastBookmark = clock.GetUtcNow();
                }
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: the stream just ends, and clients resume from their last version.
        }
        if (cutting.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // Counted before the abort: a client that sees the broken connection must also see it counted.
            cut?.Invoke();
            context.Abort();
        }
    }

    /// <summary>How a change looks through a selector: entering it is ADDED, leaving it DELETED.</summary>
    private static string? Translate(WatchEvent change, ObjectFilter filter)
    {
        if (filter.IsEmpty)
            return Name(change.Type);
        var now = filter.Matches(change.Object);
        var before = change.Previous is not null && filter.Matches(change.Previous);
        return change.Type switch
        {
            WatchEventType.Added => now ? "ADDED" : null,
            WatchEventType.Deleted => before || now ? "DELETED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
    }

    private static string Name(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };

    private sealed class EventWriter(HttpResponse response, ResourceType type, TableOutput? tables, HttpRequest request)
    {
        // Kestrel's Body.WriteAsync flushes (one HTTP/2 frame and TLS record each), so events go
        // into the body's pipe unflushed and leave together at the caller's flush, or once this
        // much has gathered (a watch from scratch replays every object first).
        private const int FlushThreshold = 64 * 1024;
        private static readonly byte[] Suffix = "}\n"u8.ToArray();
        private bool _sentDefinitions;
        private long _unflushed;

        public async Task Write(string eventType, StoredObject obj, CancellationToken ct)
        {
            if (tables is not null)
            {
                var table = tables.Render(type, [obj], obj.ResourceVersion, request, includeDefinitions: !_sentDefinitions, null);
                _sentDefinitions = true;
                await WriteRaw(eventType, table, ct).ConfigureAwait(false);
                return;
            }
            var json = ResourceEndpoints.Versioned(type, obj);
            var body = response.BodyWriter;
            body.Write(Prefix(eventType));
            body.Write(json);
            body.Write(Suffix);
            _unflushed += json.Length;
            if (_unflushed >= FlushThreshold)
            {
                _unflushed = 0;
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        private static ReadOnlySpan<byte> Prefix(string eventType) => eventType switch
        {
            "ADDED" => """{"type":"ADDED","object":"""u8,
            "MODIFIED" => """{"type":"MODIFIED","object":"""u8,
            "DELETED" => """{"type":"DELETED","object":"""u8,
            _ => Encoding.UTF8.GetBytes($"{{\"type\":\"{eventType}\",\"object\":"),
        };

        public Task Bookmark(long resourceVersion, CancellationToken ct) =>
            WriteRaw("BOOKMARK", new JsonObject
            {
                ["kind"] = type.Kind,
                ["apiVersion"] = type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            }, ct);

        public async Task WriteRaw(string eventType, JsonNode obj, CancellationToken ct)
        {
            var line = new JsonObject { ["type"] = eventType, ["object"] = obj }.ToJsonString() + "\n";
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
    }
}
