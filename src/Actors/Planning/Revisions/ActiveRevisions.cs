namespace Kruise.Actors.Planning.Revisions;

/// <summary>What the workload must do so its update revision exists in the API.</summary>
public enum RevisionAction
{
    /// <summary>The newest observed revision already holds the template.</summary>
    None,

    /// <summary>No observed revision holds the template: create <see cref="ActiveRevisions.UpdateRevisionName"/>.</summary>
    Create,

    /// <summary>An older revision holds the template (a rollback): raise its number to <see cref="ActiveRevisions.UpdateRevisionNumber"/>.</summary>
    Renumber,
}

/// <summary>
/// The current and update revisions of a workload (OpenKruise's getActiveRevisions): the update
/// revision is the observed revision equal to the template, or a new one named by the hash with
/// as many collisions skipped as observed; the current revision is the one status names, if it
/// still exists, else the update revision.
/// </summary>
public sealed record ActiveRevisions(
    string UpdateRevisionName,
    long UpdateRevisionNumber,
    RevisionAction Action,
    string CurrentRevisionName,
    int CollisionCount,
    string UpdateHash)
{
    /// <summary>True when the update revision is observed as it should be, so pods may be built from it.</summary>
    public bool UpdateRevisionReady => Action == RevisionAction.None;

    public static ActiveRevisions Resolve(string parentName, RevisionData desired, IReadOnlyList<ObservedRevision> observed,
        int collisionCount, string? statusCurrentRevision)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var sorted = Sort(observed);
        var next = sorted.Count == 0 ? 1 : sorted[^1].Revision + 1;
        var equal = sorted.Where(r => r.Data is not null && r.Data.IsEquivalentTo(desired)).ToList();

        // A name taken by different data is a hash collision: probe with the next count, as kube does.
        string hash;
        while (true)
        {
            hash = desired.Hash(collisionCount);
            var name = ControllerRevisionFactory.Name(parentName, hash);
            var holder = sorted.FirstOrDefault(r => r.Name == name);
            if (holder is null || (holder.Data is not null && holder.Data.IsEquivalentTo(desired)))
                break;
            collisionCount++;
        }

        string updateName;
        long updateNumber;
        RevisionAction action;
        if (equal.Count > 0 && equal[^1].Name == sorted[^1].Name)
        {
            (updateName, updateNumber, action) = (equal[^1].Name, equal[^1].Revision, RevisionAction.None);
        }
        else if (equal.Count > 0)
        {
            (updateName, updateNumber, action) = (equal[^1].Name, next, RevisionAction.Renumber);
        }
        else
        {
            (updateName, updateNumber, action) = (ControllerRevisionFactory.Name(parentName, hash), next, RevisionAction.Create);
        }

        var current = statusCurrentRevision is not null && sorted.Any(r => r.Name == statusCurrentRevision)
            ? statusCurrentRevision
            : updateName;
        return new ActiveRevisions(updateName, updateNumber, action, current, collisionCount, hash);
    }

    /// <summary>Revisions oldest first (by number, then creation and name so the order never depends on list order).</summary>
    public static IReadOnlyList<ObservedRevision> Sort(IEnumerable<ObservedRevision> revisions) =>
        revisions.OrderBy(r => r.Revision).ThenBy(r => r.CreatedAt ?? DateTimeOffset.MinValue).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
}
