using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Observability;

/// <summary>
/// The controller's Prometheus metrics on this replica, written in the text exposition format by
/// hand (no metrics package is served here). Live entity counts are passed in at scrape time,
/// because they are asked of the shard regions.
/// </summary>
public sealed class ControllerMetrics
{
    private readonly ConcurrentDictionary<string, Histogram> _reconcile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Verb, string Outcome), long> _writes = new();
    private readonly ConcurrentDictionary<(string Resource, string Verb), long> _writesByResource = new();
    private readonly ConcurrentDictionary<string, Histogram> _writeLatency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _watchEvents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _relists = new(StringComparer.Ordinal);
    private readonly Histogram _journalWrites = new();
    private long _journalFailures;
    private int _journalFailing;

    /// <summary>One Decide call of an entity of <paramref name="kind"/> (the reconcile), input to commands.</summary>
    public void Reconciled(string kind, TimeSpan duration) => _reconcile.GetOrAdd(kind, _ => new Histogram()).Observe(duration);

    /// <summary>Persist call to persisted (one batch of events of one decision).</summary>
    public void JournalWritten(TimeSpan duration) => _journalWrites.Observe(duration);

    public void JournalFailed()
    {
        Interlocked.Increment(ref _journalFailures);
        Volatile.Write(ref _journalFailing, 1);
    }

    /// <summary>A journal write or recovery succeeded after failures: the journal is reachable again.</summary>
    public void JournalRecovered() => Volatile.Write(ref _journalFailing, 0);

    public void ApiWrite(string verb, string resource, CommandStatus outcome, TimeSpan duration)
    {
        _writes.AddOrUpdate((verb, outcome.ToString()), 1, (_, n) => n + 1);
        _writesByResource.AddOrUpdate((resource, verb), 1, (_, n) => n + 1);
        _writeLatency.GetOrAdd(verb, _ => new Histogram()).Observe(duration);
    }

    public void WatchEvent(string resource) => _watchEvents.AddOrUpdate(resource, 1, (_, n) => n + 1);

    public void Relisted(string resource) => _relists.AddOrUpdate(resource, 1, (_, n) => n + 1);

    public long ReconcileCount(string kind) => _reconcile.TryGetValue(kind, out var h) ? h.Count : 0;

    public long ApiWriteCount(string verb, CommandStatus outcome) => _writes.GetValueOrDefault((verb, outcome.ToString()));

    /// <summary>API writes so far by resource (with subresource, e.g. "pods/status") and verb.</summary>
    public IReadOnlyDictionary<(string Resource, string Verb), long> ApiWritesByResource() => new Dictionary<(string, string), long>(_writesByResource);

    public long RelistCount(string resource) => _relists.GetValueOrDefault(resource);

    public string Render(IReadOnlyDictionary<string, int> liveEntities)
    {
        var text = new StringBuilder();
        Header(text, "kruise_actors_entities", "gauge", "Live (started) entities of each kind on this replica.");
        foreach (var (kind, count) in liveEntities.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"kruise_actors_entities{{kind=\"{Escape(kind)}\"}} {count}\n");

        Header(text, "kruise_actors_reconcile_total", "counter", "Inputs an entity decided on (observations, command outcomes, wake-ups).");
        foreach (var (kind, histogram) in _reconcile.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"kruise_actors_reconcile_total{{kind=\"{Escape(kind)}\"}} {histogram.Count}\n");
        Header(text, "kruise_actors_reconcile_duration_seconds", "histogram", "Time an entity spent deciding on one input.");
        foreach (var (kind, histogram) in _reconcile.OrderBy(p => p.Key, StringComparer.Ordinal))
            histogram.WriteTo(text, "kruise_actors_reconcile_duration_seconds", $"kind=\"{Escape(kind)}\"");

        Header(text, "kruise_actors_api_writes_total", "counter", "API writes by verb and outcome.");
        foreach (var ((verb, outcome), count) in _writes.OrderBy(p => p.Key.Verb, StringComparer.Ordinal).ThenBy(p => p.Key.Outcome, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"kruise_actors_api_writes_total{{verb=\"{verb}\",outcome=\"{outcome}\"}} {count}\n");
        Header(text, "kruise_actors_api_writes_by_resource_total", "counter", "API writes by resource (with subresource) and verb, whatever their outcome.");
        foreach (var ((resource, verb), count) in _writesByResource.OrderBy(p => p.Key.Resource, StringComparer.Ordinal).ThenBy(p => p.Key.Verb, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"kruise_actors_api_writes_by_resource_total{{resource=\"{Escape(resource)}\",verb=\"{verb}\"}} {count}\n");
        Header(text, "kruise_actors_api_write_duration_seconds", "histogram", "API write latency by verb, retries and rate limiting included.");
        foreach (var (verb, histogram) in _writeLatency.OrderBy(p => p.Key, StringComparer.Ordinal))
            histogram.WriteTo(text, "kruise_actors_api_write_duration_seconds", $"verb=\"{verb}\"");

        Header(text, "kruise_actors_journal_write_duration_seconds", "histogram", "Time to persist one decision's events.");
        _journalWrites.WriteTo(text, "kruise_actors_journal_write_duration_seconds", "");
        Header(text, "kruise_actors_journal_failures_total", "counter", "Failed journal writes and recoveries.");
        text.Append(CultureInfo.InvariantCulture, $"kruise_actors_journal_failures_total {Interlocked.Read(ref _journalFailures)}\n");
        // A gauge an alert can use directly; readiness deliberately ignores it (webhooks need no journal).
        Header(text, "kruise_actors_journal_available", "gauge", "1 while the journal accepts writes (the last write or recovery succeeded), 0 after a failure.");
        text.Append(CultureInfo.InvariantCulture, $"kruise_actors_journal_available {1 - Volatile.Read(ref _journalFailing)}\n");

        Header(text, "kruise_actors_watch_events_total", "counter", "Watch events received by resource.");
        foreach (var (resource, count) in _watchEvents.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"kruise_actors_watch_events_total{{resource=\"{Escape(resource)}\"}} {count}\n");
        Header(text, "kruise_actors_watch_relists_total", "counter", "Full lists by resource (start and after 410 Gone).");
        foreach (var (resource, count) in _relists.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"kruise_actors_watch_relists_total{{resource=\"{Escape(resource)}\"}} {count}\n");
        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
