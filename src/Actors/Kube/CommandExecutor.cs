using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Kube;

/// <summary>
/// Performs one <see cref="KubeCommand"/>: waits for a rate-limit token, sends it, retries 429,
/// 5xx and transport errors with backoff (honouring Retry-After), and maps the answer to a
/// <see cref="CommandOutcome"/>. Never overwrites: a 409 is reported, not retried, unless the
/// write's own precondition (a status write's resourceVersion, a delete's uid; a patch has none)
/// still holds, so the conflict was not about this write's view. Then it is retried like a 429: no
/// watch event would follow it, and the entity, waiting for one, would wait forever.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim has no wait handle to free: AvailableWaitHandle is never read.")]
public sealed class CommandExecutor(KubeApi api, GatewayOptions options, TimeProvider time, HealthLog apiHealth, ControllerMetrics metrics)
{
    private readonly TokenBucket _bucket = new(options.Qps, options.Burst, time.GetUtcNow());
    private readonly EventCorrelator _events = new(options.Events);
    private readonly Lock _eventsGate = new();
    private readonly SemaphoreSlim _inFlight = new(options.MaxInFlight, options.MaxInFlight);

    /// <summary>Writes holding a turn: being sent, or waiting to retry (at most <see cref="GatewayOptions.MaxInFlight"/>).</summary>
    public int InFlight => options.MaxInFlight - _inFlight.CurrentCount;

    public async Task<CommandOutcome> Execute(KubeCommand command, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ExecuteInTurn(command, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task<CommandOutcome> ExecuteInTurn(KubeCommand command, long started, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = Describe(command, now);
        var verb = OutcomeMapping.Verb(command);
        if (command is RecordEvent record)
        {
            EventVerdict verdict;
            lock (_eventsGate)
                verdict = _events.Correlate(record, now);
            // A dropped Event is done: events are best effort, as with client-go's spam filter.
            if (verdict.Action == EventAction.Drop)
                return new CommandOutcome(command.Id, command.Target, CommandStatus.Done);
            request = EventRequest(record, verdict, now);
            if (verdict.Action == EventAction.Count)
                verb = "patch";
        }
        var outcome = await Attempt(command, request, cancellationToken).ConfigureAwait(false);
        metrics.ApiWrite(verb, OutcomeMapping.Resource(command), outcome.Status, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private async Task<CommandOutcome> Attempt(KubeCommand command, Request request, CancellationToken cancellationToken)
    {
        var backoff = new Backoff(options.RetryInitial, options.RetryMax);
        for (var attempt = 1; ; attempt++)
        {
            var wait = _bucket.Reserve(time.GetUtcNow());
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);

            string failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RequestTimeout);
                using var response = await api.SendAsync(request.Method, request.Path, request.Body, request.ContentType, timeout.Token).ConfigureAwait(false);
                apiHealth.Success();
                var written = command is RecordEvent ? null : await WrittenVersion(response, timeout.Token).ConfigureAwait(false);
                return new CommandOutcome(command.Id, command.Target, CommandStatus.Done, ResourceVersion: written);
            }
            catch (KubeApiException e) when (OutcomeMapping.IsTransient(e.Code))
            {
                failure = $"{(int)e.Code} {e.Reason}: {e.Message}";
                retryAfter = e.RetryAfter;
                if ((int)e.Code >= 500)
                    apiHealth.Failure(failure);
            }
            catch (KubeApiException e)
            {
                apiHealth.Success();
                var status = OutcomeMapping.Map(command, e.Code, e.Reason);
                if (!(e.Code == System.Net.HttpStatusCode.Conflict && e.Reason == "Conflict" && await PreconditionHolds(command, cancellationToken).ConfigureAwait(false)))
                    return new CommandOutcome(command.Id, command.Target, status, e.Message);
                failure = $"409 Conflict: {e.Message}";
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = e is OperationCanceledException ? $"no answer within {options.RequestTimeout.TotalSeconds:0}s" : e.Message;
                apiHealth.Failure(failure);
            }

            if (attempt >= options.MaxAttempts)
                return new CommandOutcome(command.Id, command.Target, CommandStatus.Failed, $"gave up after {attempt} attempts: {failure}");
            var delay = backoff.Next();
            if (retryAfter is { } after && after > delay)
                delay = after;
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // The answer to a write is the object as written; an unreadable answer (cut, or too slow to
    // arrive) only costs the entity the knowledge of which watch events predate its write. The
    // write itself is done either way, so it must not be retried as a failed one.
    private static async Task<string?> WrittenVersion(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return ResourceVersions.Of(body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Whether the write's precondition is still met by the object as it is now (read again for a status write or a uid-checked delete).</summary>
    private async Task<bool> PreconditionHolds(KubeCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case PatchObject patch:
                return !patch.Patch.Contains("\"resourceVersion\"", StringComparison.Ordinal);
            case DeleteObject { Uid: null }:
                return true;
            case DeleteObject { Uid: { } uid } delete:
                return await CurrentMetadata(KubeApi.ObjectPath(delete.Target), "uid", cancellationToken).ConfigureAwait(false) == uid;
            case ReplaceStatus replace when replace.Body is IMetadata<V1ObjectMeta> { Metadata.ResourceVersion: { Length: > 0 } sent }:
                return await CurrentMetadata(KubeApi.ObjectPath(replace.Target), "resourceVersion", cancellationToken).ConfigureAwait(false) == sent;
            default:
                return false;
        }
    }

    private async Task<string?> CurrentMetadata(string path, string field, CancellationToken cancellationToken)
    {
        try
        {
            using var current = await api.GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
            return current.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty(field, out var value) ? value.GetString() : null;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            // Unknown: report the conflict, as without this check.
            return null;
        }
    }

    private sealed record Request(HttpMethod Method, string Path, string? Body, string ContentType);

    private Request Describe(KubeCommand command, DateTimeOffset now) => command switch
    {
        CreateObject create => new(HttpMethod.Post, KubeApi.CollectionPath(create.Target), KubernetesJson.Serialize(create.Body), "application/json"),
        DeleteObject delete => new(HttpMethod.Delete, KubeApi.ObjectPath(delete.Target), DeleteOptions(delete.Uid), "application/json"),
        PatchObject patch => new(HttpMethod.Patch, KubeApi.ObjectPath(patch.Target, patch.Subresource), patch.Patch, PatchContentType(patch.Kind)),
        ReplaceStatus replace => new(HttpMethod.Put, KubeApi.ObjectPath(replace.Target, "status"), KubernetesJson.Serialize(replace.Body), "application/json"),
        RecordEvent record => EventRequest(record, new EventVerdict(EventAction.Create, null, record.Message, 1, now), now),
        _ => throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command)),
    };

    private static string DeleteOptions(string? uid)
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (uid is not null)
            body["preconditions"] = new JsonObject { ["uid"] = uid };
        return body.ToJsonString();
    }

    private static string PatchContentType(PatchKind kind) => kind switch
    {
        PatchKind.Merge => "application/merge-patch+json",
        PatchKind.StrategicMerge => "application/strategic-merge-patch+json",
        _ => "application/json-patch+json",
    };

    private static ObjectRef EventsOf(ObjectRef target) => new("", "v1", "events", "Event", target.Namespace ?? "default", "");

    private Request EventRequest(RecordEvent record, EventVerdict verdict, DateTimeOffset now)
    {
        var events = EventsOf(record.Target);
        if (verdict.Action == EventAction.Count)
        {
            var patch = new JsonObject { ["count"] = verdict.Count, ["message"] = verdict.Message, ["lastTimestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) };
            return new(HttpMethod.Patch, KubeApi.ObjectPath(events with { Name = verdict.Name! }), patch.ToJsonString(), "application/merge-patch+json");
        }
        return new(HttpMethod.Post, KubeApi.CollectionPath(events), KubernetesJson.Serialize(EventFor(record, verdict, now)), "application/json");
    }

    private Corev1Event EventFor(RecordEvent record, EventVerdict verdict, DateTimeOffset now)
    {
        // Named after the command id (unless combined), so a retried or re-issued event is AlreadyExists, not a duplicate.
        var target = record.Target;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = verdict.Name ?? EventCorrelator.NameOf(record), NamespaceProperty = target.Namespace ?? "default" },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = target.ApiVersion,
                Kind = target.Kind,
                Name = target.Name,
                NamespaceProperty = target.Namespace,
                Uid = record.TargetUid,
            },
            Reason = record.Reason,
            Message = verdict.Message,
            Type = record.Type,
            Source = new V1EventSource { Component = options.Component },
            ReportingComponent = options.Component,
            FirstTimestamp = verdict.FirstTimestamp.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Count = verdict.Count,
        };
    }
}
