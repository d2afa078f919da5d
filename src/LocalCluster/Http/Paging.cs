using System.Globalization;
using System.Net;
using System.Text;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>limit/continue: a page of a sorted list and an opaque token naming the last item returned.</summary>
public static class Paging
{
    /// <summary>
    /// The page <paramref name="request"/> asks for. A token from before <paramref name="compactedThrough"/>
    /// is 410 Expired: the apiserver reads later pages at the first page's revision, which etcd
    /// no longer has after a compaction.
    /// </summary>
    public static (IReadOnlyList<StoredObject> Page, string? Continue) Page(IReadOnlyList<StoredObject> items, HttpRequest request, long resourceVersion, long compactedThrough)
    {
        var limit = QueryOptions.Long(request, "limit") ?? 0;
        var token = request.Query["continue"].FirstOrDefault();
        IEnumerable<StoredObject> rest = items;
        if (!string.IsNullOrEmpty(token))
        {
            var (from, ns, name) = Decode(token);
            if (from < compactedThrough)
                throw new ApiException(HttpStatusCode.Gone, "Expired",
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            rest = items.SkipWhile(i => string.CompareOrdinal(i.Namespace, ns) < 0 || (i.Namespace == ns && string.CompareOrdinal(i.Name, name) <= 0));
        }
        if (limit <= 0)
            return (rest.ToList(), null);
        var page = rest.Take((int)Math.Min(limit, int.MaxValue) + 1).ToList();
        if (page.Count <= limit)
            return (page, null);
        page.RemoveAt(page.Count - 1);
        var last = page[^1];
        return (page, Encode(resourceVersion, last.Namespace, last.Name));
    }

    private static string Encode(long resourceVersion, string ns, string name) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', resourceVersion.ToString(CultureInfo.InvariantCulture), ns, name)));

    private static (long ResourceVersion, string Ns, string Name) Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n');
            if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var resourceVersion))
                return (resourceVersion, parts[1], parts[2]);
        }
        catch (FormatException)
        {
        }
        throw new ApiException(HttpStatusCode.BadRequest, "BadRequest", "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
}
