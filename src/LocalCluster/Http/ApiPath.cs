using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>
/// A resource URL taken apart: /api/v1/namespaces/{ns}/{resource}/{name}/{subresource} and
/// /apis/{group}/{version}/... (cluster-scoped and all-namespace forms without the namespace).
/// </summary>
public sealed record ApiPath(string Group, string Version, string? Resource, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Null when the path is not under /api or /apis (or names a group only: discovery).</summary>
    public static ApiPath? Parse(string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        string[] rest;
        if (parts is ["api", var v, .. var r1])
            (group, version, rest) = ("", v, r1);
        else if (parts is ["apis", var g, var v2, .. var r2])
            (group, version, rest) = (g, v2, r2);
        else
            return null;

        return rest switch
        {
            [] => new ApiPath(group, version, null, null, null, null),
            // /namespaces/{ns} and its own subresources (status, finalize) are the Namespace object.
            ["namespaces", var ns] when group == "" => new ApiPath(group, version, "namespaces", null, ns, null),
            ["namespaces", var ns, var sub] when group == "" && sub is "status" or "finalize" => new ApiPath(group, version, "namespaces", null, ns, sub),
            ["namespaces", var ns, var resource, .. var tail] when tail.Length <= 2 =>
                new ApiPath(group, version, resource, ns, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
            [var resource, .. var tail] when tail.Length <= 2 =>
                new ApiPath(group, version, resource, null, tail.ElementAtOrDefault(0), tail.ElementAtOrDefault(1)),
            _ => null,
        };
    }

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The served resource, or 404 in the apiserver's words.</summary>
    public ResourceType ResolveIn(ResourceRegistry registry) =>
        registry.Find(Group, Version, Resource ?? "")
        ?? throw new ApiException(System.Net.HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
}
