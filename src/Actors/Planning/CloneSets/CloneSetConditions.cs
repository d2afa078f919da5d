using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>Condition types and reasons on CloneSet status, and how they are set (OpenKruise's SetCloneSetCondition).</summary>
public static class CloneSetConditions
{
    public const string FailedScale = "FailedScale";
    public const string FailedUpdate = "FailedUpdate";
    public const string Progressing = "Progressing";

    /// <summary>FailedScale reason when the spec fails validation.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>FailedUpdate reason: InPlaceOnly and a revision change that needs new pods.</summary>
    public const string InPlaceOnlyBlocked = "CannotUpdateInPlace";

    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string Paused = "CloneSetPaused";
    public const string Updated = "CloneSetUpdated";
    public const string PartitionAvailable = "ProgressPartitionAvailable";
    public const string Available = "CloneSetAvailable";

    public static KruiseCondition? Find(IEnumerable<KruiseCondition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// Sets a condition: unchanged when status and reason already match (times kept), the old
    /// transition time kept when only the reason changes.
    /// </summary>
    public static List<KruiseCondition> Set(IEnumerable<KruiseCondition>? conditions, KruiseCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var list = (conditions ?? []).ToList();
        var existing = Find(list, condition.Type);
        if (existing is not null && existing.Status == condition.Status && existing.Reason == condition.Reason && existing.Message == condition.Message)
            return list;
        if (existing is not null && existing.Status == condition.Status)
            condition.LastTransitionTime = existing.LastTransitionTime;
        list.RemoveAll(c => c.Type == condition.Type);
        list.Add(condition);
        return list;
    }

    public static List<KruiseCondition> Remove(IEnumerable<KruiseCondition>? conditions, string type) =>
        (conditions ?? []).Where(c => c.Type != type).ToList();

    public static KruiseCondition New(string type, string status, string? reason, string message, DateTimeOffset at) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        LastUpdateTime = at.UtcDateTime,
        LastTransitionTime = at.UtcDateTime,
    };

    /// <summary>Same type, status, reason and message, in any order.</summary>
    public static bool SameConditions(IList<KruiseCondition>? a, IList<KruiseCondition>? b)
    {
        var left = (a ?? []).OrderBy(c => c.Type, StringComparer.Ordinal).Select(c => (c.Type, c.Status, c.Reason ?? "", c.Message ?? ""));
        var right = (b ?? []).OrderBy(c => c.Type, StringComparer.Ordinal).Select(c => (c.Type, c.Status, c.Reason ?? "", c.Message ?? ""));
        return left.SequenceEqual(right);
    }

    internal static bool HasProgressDeadline(CloneSetSpec spec) => spec.ProgressDeadlineSeconds is { } seconds && seconds != int.MaxValue;
}
