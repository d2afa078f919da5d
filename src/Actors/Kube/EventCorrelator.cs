using System.Security.Cryptography;
using System.Text;

namespace Kruise.Actors.Kube;

/// <summary>Limits of the <see cref="EventCorrelator"/>; the defaults are client-go's EventCorrelator's.</summary>
public sealed record EventCorrelationOptions
{
    /// <summary>Similar events (same object, type and reason; other messages) within <see cref="AggregateWindow"/> before they are combined into one.</summary>
    public int AggregateAfter { get; init; } = 10;

    public TimeSpan AggregateWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Events written about one object in a burst; beyond it, one more per <see cref="SpamRefill"/>, the rest dropped.</summary>
    public int SpamBurst { get; init; } = 25;

    public TimeSpan SpamRefill { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Objects and event kinds remembered; beyond it the oldest are forgotten (client-go keeps an LRU of 4096).</summary>
    public int MaxEntries { get; init; } = 4096;

    /// <summary>No correlation: every event is written as it comes.</summary>
    public static EventCorrelationOptions Off { get; } = new() { AggregateAfter = int.MaxValue, SpamBurst = int.MaxValue };
}

/// <summary>What to do with one event: write it as a new Event, count it on an Event already written, or drop it.</summary>
public enum EventAction
{
    Create,
    Count,
    Drop,
}

/// <summary>
/// The verdict for one event. For <see cref="EventAction.Create"/>, <paramref name="Name"/> is null when the
/// event goes out as it came (named after its command id), else the combined Event's name; for
/// <see cref="EventAction.Count"/>, the Event to bump to <paramref name="Count"/>.
/// </summary>
public sealed record EventVerdict(EventAction Action, string? Name, string Message, int Count, DateTimeOffset FirstTimestamp)
{
    public static EventVerdict Dropped { get; } = new(EventAction.Drop, null, "", 0, default);
}

/// <summary>
/// The controller's event path policy, as client-go's EventCorrelator: once
/// <see cref="EventCorrelationOptions.AggregateAfter"/> similar events (same object, type, reason)
/// with different messages come within the window, the rest are combined into one Event
/// "(combined from similar events): …" whose count goes up; a repeat of an identical event
/// also only counts. Then a per-object token bucket drops what exceeds the spam budget, so a
/// thousand-pod rollout writes a few dozen Events about its CloneSet, not a thousand. Pure: the
/// time is passed in; not thread-safe on its own (the executor locks around it).
/// </summary>
public sealed class EventCorrelator(EventCorrelationOptions options)
{
    private const string CombinedPrefix = "(combined from similar events): ";

    private readonly Dictionary<string, Similar> _similar = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Observed> _observed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _ids = new(StringComparer.Ordinal);

    public EventVerdict Correlate(RecordEvent record, DateTimeOffset now)
    {
        // The same command again (a resend) goes out as it came, so the server answers AlreadyExists: it is no new occurrence.
        if (_ids.ContainsKey(record.Id))
            return new EventVerdict(EventAction.Create, null, record.Message, 1, now);
        var objectKey = ObjectKey(record);
        var similarKey = $"{objectKey}\n{record.Type}\n{record.Reason}";
        var message = record.Message;
        string observedKey;
        if (!_similar.TryGetValue(similarKey, out var similar) || now - similar.Last > options.AggregateWindow)
            similar = new Similar(new HashSet<string>(StringComparer.Ordinal), now);
        similar.Messages.Add(message);
        _similar[similarKey] = similar with { Last = now };
        var combined = similar.Messages.Count >= options.AggregateAfter;
        if (combined)
        {
            message = CombinedPrefix + message;
            observedKey = similarKey;
        }
        else
            observedKey = $"{similarKey}\n{record.Message}";

        if (!TakeToken(objectKey, now))
            return EventVerdict.Dropped;

        EventVerdict verdict;
        if (_observed.TryGetValue(observedKey, out var seen) && now - seen.Last <= options.AggregateWindow)
            verdict = new EventVerdict(EventAction.Count, seen.Name, message, seen.Count + 1, seen.First);
        else
            verdict = new EventVerdict(EventAction.Create, combined ? $"{record.Target.Name}.{Hash(observedKey + "\n" + now.UtcTicks)}" : null, message, 1, now);
        _observed[observedKey] = new Observed(verdict.Name ?? NameOf(record), verdict.Count, verdict.FirstTimestamp, now);
        if (verdict.Name is null)
            _ids[record.Id] = now;
        Trim(now);
        return verdict;
    }

    /// <summary>The name an event written as it came gets: derived from its command id, so a resend is AlreadyExists.</summary>
    public static string NameOf(RecordEvent record) => $"{record.Target.Name}.{Hash(record.Id)}";

    private bool TakeToken(string objectKey, DateTimeOffset now)
    {
        if (options.SpamBurst == int.MaxValue)
            return true;
        var budget = _budgets.TryGetValue(objectKey, out var known) ? known : new Budget(options.SpamBurst, now);
        var refilled = Math.Min(options.SpamBurst, budget.Tokens + Math.Max(0, (now - budget.At).TotalSeconds) / options.SpamRefill.TotalSeconds);
        var allowed = refilled >= 1;
        _budgets[objectKey] = new Budget(allowed ? refilled - 1 : refilled, now > budget.At ? now : budget.At);
        return allowed;
    }

    private void Trim(DateTimeOffset now)
    {
        if (_similar.Count + _observed.Count + _budgets.Count + _ids.Count <= options.MaxEntries)
            return;
        foreach (var key in _ids.Where(p => now - p.Value > options.AggregateWindow).Select(p => p.Key).ToList())
            _ids.Remove(key);
        foreach (var key in _similar.Where(p => now - p.Value.Last > options.AggregateWindow).Select(p => p.Key).ToList())
            _similar.Remove(key);
        foreach (var key in _observed.Where(p => now - p.Value.Last > options.AggregateWindow).Select(p => p.Key).ToList())
            _observed.Remove(key);
        foreach (var key in _budgets.Where(p => p.Value.Tokens + (now - p.Value.At).TotalSeconds / options.SpamRefill.TotalSeconds >= options.SpamBurst).Select(p => p.Key).ToList())
            _budgets.Remove(key);
        if (_similar.Count + _observed.Count + _budgets.Count + _ids.Count > options.MaxEntries)
        {
            _ids.Clear();
            // Still full of live entries: forget them all rather than grow without bound (events are best effort).
            _similar.Clear();
            _observed.Clear();
            _budgets.Clear();
        }
    }

    private static string ObjectKey(RecordEvent record) =>
        $"{record.Target.ApiVersion}\n{record.Target.Kind}\n{record.Target.Namespace}\n{record.Target.Name}\n{record.TargetUid}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));

    private sealed record Similar(HashSet<string> Messages, DateTimeOffset Last);

    private sealed record Observed(string Name, int Count, DateTimeOffset First, DateTimeOffset Last);

    private sealed record Budget(double Tokens, DateTimeOffset At);
}
