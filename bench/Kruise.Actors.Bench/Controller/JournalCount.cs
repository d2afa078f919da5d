using Kruise.Actors.Entities;
using Kruise.Actors.Journal;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Bench.Controller;

/// <summary>Events in the controller's journal, by entity kind, read as `kruise-actors events list` reads them (sharding's own ids left out).</summary>
public static class JournalCount
{
    public static async Task<IReadOnlyDictionary<string, long>> ByKind(string journal)
    {
        var reader = new EventLogReader(JournalTarget.Parse(journal), ControllerCatalog.CreateDefault().Events);
        var entities = await reader.ListEntities(CancellationToken.None).ConfigureAwait(false);
        return entities.GroupBy(e => e.Entity.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Events), StringComparer.Ordinal);
    }

    public static long Total(IReadOnlyDictionary<string, long> byKind) => byKind.Values.Sum();
}
