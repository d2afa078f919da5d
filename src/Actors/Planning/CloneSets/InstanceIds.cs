using System.Globalization;
using System.Text;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>One allocated instance id and the id sequence after it.</summary>
public sealed record AllocatedId(string Id, long NextSequence, bool Reused);

/// <summary>
/// Instance ids (the 5-character suffix naming a pod and its PVCs). OpenKruise draws them at
/// random; here they derive from the CloneSet uid and a persisted sequence number, so a recovered
/// entity re-derives exactly the names it already chose. Ids of PVCs whose pod is gone are reused
/// first (their volumes come back), and no id is handed out that a pod, PVC or intent holds.
/// </summary>
public static class InstanceIds
{
    public const int Length = 5;

    public static string Derive(string seed, long sequence)
    {
        var hash = Fnv1a64(Encoding.UTF8.GetBytes($"{seed}/{sequence.ToString(CultureInfo.InvariantCulture)}"));
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = RevisionHash.Alphanums[(int)(hash % (ulong)RevisionHash.Alphanums.Length)];
            hash /= (ulong)RevisionHash.Alphanums.Length;
        }
        return new string(chars);
    }

    /// <param name="count">How many ids to hand out.</param>
    /// <param name="seed">The CloneSet uid.</param>
    /// <param name="nextSequence">The persisted sequence to continue from.</param>
    /// <param name="reusable">Ids whose volumes wait for a pod; handed out first, in ordinal order.</param>
    /// <param name="taken">Ids that must not be handed out (pods, pending intents, podsToDelete, PVCs going away).</param>
    public static IReadOnlyList<AllocatedId> Allocate(int count, string seed, long nextSequence, IReadOnlyCollection<string> reusable, IReadOnlySet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(reusable);
        ArgumentNullException.ThrowIfNull(taken);
        var result = new List<AllocatedId>();
        foreach (var id in reusable.Where(id => !taken.Contains(id)).Distinct().Order(StringComparer.Ordinal).Take(count))
            result.Add(new AllocatedId(id, nextSequence, Reused: true));
        var handedOut = result.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        while (result.Count < count)
        {
            var id = Derive(seed, nextSequence++);
            // A reusable id belongs to someone's volumes even when this batch does not take it.
            if (taken.Contains(id) || reusable.Contains(id) || !handedOut.Add(id))
                continue;
            result.Add(new AllocatedId(id, nextSequence, Reused: false));
        }
        return result;
    }

    /// <summary>The instance id a pod name carries (`&lt;cloneset&gt;-&lt;id&gt;`), or null when it does not fit.</summary>
    public static string? FromPodName(string cloneSetName, string podName) =>
        podName.Length == cloneSetName.Length + 1 + Length && podName.StartsWith(cloneSetName + "-", StringComparison.Ordinal)
            ? podName[(cloneSetName.Length + 1)..]
            : null;

    private static ulong Fnv1a64(byte[] bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash = unchecked(hash * 1099511628211UL);
        }
        return hash;
    }
}
