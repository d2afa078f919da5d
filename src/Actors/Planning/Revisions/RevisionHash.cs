using System.Globalization;
using System.Text;

namespace Kruise.Actors.Planning.Revisions;

/// <summary>
/// Kubernetes' ControllerRevision hash (controller/history HashControllerRevision): 32-bit FNV-1
/// over the revision data followed by the decimal collision count, printed in decimal and
/// "safe-encoded" into consonants and digits so no word can form.
/// </summary>
public static class RevisionHash
{
    /// <summary>The alphabet of kube's rand.SafeEncodeString and rand.String (no vowels).</summary>
    public const string Alphanums = "bcdfghjklmnpqrstvwxz2456789";

    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    public static string Compute(string data, int collisionCount)
    {
        var hash = Fnv1(FnvOffset, Encoding.UTF8.GetBytes(data));
        hash = Fnv1(hash, Encoding.UTF8.GetBytes(collisionCount.ToString(CultureInfo.InvariantCulture)));
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The hash part of a revision name (`name-hash`): what follows the last dash.</summary>
    public static string ShortHash(string revisionName)
    {
        var dash = revisionName.LastIndexOf('-');
        return dash < 0 ? revisionName : revisionName[(dash + 1)..];
    }

    /// <summary>Whether a pod's controller-revision-hash label names the revision (full name or short hash).</summary>
    public static bool Matches(string? podRevision, string revisionName) =>
        podRevision is not null && (podRevision == revisionName || ShortHash(podRevision) == ShortHash(revisionName));

    internal static string SafeEncode(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
            chars[i] = Alphanums[text[i] % Alphanums.Length];
        return new string(chars);
    }

    private static uint Fnv1(uint hash, byte[] bytes)
    {
        foreach (var b in bytes)
        {
            hash = unchecked(hash * FnvPrime);
            hash ^= b;
        }
        return hash;
    }
}
