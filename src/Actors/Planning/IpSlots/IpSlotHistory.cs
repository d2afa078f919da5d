using System.Globalization;

namespace Kruise.Actors.Planning.IpSlots;

/// <summary>
/// Each retained IP's history, read from a workload's journal: which pods held it in turn, and
/// when it was released and dropped. One line per IP, for `kruise-actors events show`.
/// </summary>
public static class IpSlotHistory
{
    public static IReadOnlyList<string> Lines(IEnumerable<(DateTimeOffset Time, IpSlotFact Fact)> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var steps = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (time, fact) in facts)
        {
            var step = fact.Kind switch
            {
                IpSlotFactKind.Bound when fact.Ip is { } ip && ip != fact.Slot => $"{fact.Pod} (got {ip} instead)",
                IpSlotFactKind.Bound => fact.Pod,
                IpSlotFactKind.Released => "released",
                IpSlotFactKind.Dropped => "dropped",
                _ => null,
            };
            if (step is null)
                continue;
            if (!steps.TryGetValue(fact.Slot, out var list))
                steps[fact.Slot] = list = [];
            var stamped = $"{step} {time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}";
            // The same pod seen again (a second Bound after a restart) is not a new holder.
            if (list.Count == 0 || !list[^1].StartsWith(step + " ", StringComparison.Ordinal))
                list.Add(stamped);
        }
        var width = steps.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        return steps.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key.PadRight(width)}  {string.Join(" -> ", p.Value)}").ToList();
    }
}
