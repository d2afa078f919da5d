namespace Kruise.Actors.Planning.Revisions;

/// <summary>
/// Which old ControllerRevisions to delete (OpenKruise's truncateHistory): revisions that are
/// neither current, update, nor used by a pod are history; the oldest go until at most
/// revisionHistoryLimit remain.
/// </summary>
public static class RevisionHistory
{
    public const int DefaultLimit = 10;

    public static IReadOnlyList<string> ToDelete(IReadOnlyList<ObservedRevision> revisions, int? historyLimit, ISet<string> liveRevisionNames)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        ArgumentNullException.ThrowIfNull(liveRevisionNames);
        var history = ActiveRevisions.Sort(revisions)
            .Where(r => !liveRevisionNames.Any(live => RevisionHash.Matches(live, r.Name)))
            .ToList();
        var limit = Math.Max(historyLimit ?? DefaultLimit, 0);
        return history.Count <= limit ? [] : history.Take(history.Count - limit).Select(r => r.Name).ToList();
    }
}
