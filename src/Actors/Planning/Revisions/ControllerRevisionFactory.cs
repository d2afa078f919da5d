using k8s.Models;
using Kruise.Actors.Planning.Common;

namespace Kruise.Actors.Planning.Revisions;

/// <summary>Builds the ControllerRevision object a workload creates for its template (kube's history.NewControllerRevision).</summary>
public static class ControllerRevisionFactory
{
    /// <summary>Label on the ControllerRevision itself holding its hash (kube's ControllerRevisionHashLabel).</summary>
    public const string HashLabel = "controller.kubernetes.io/hash";

    /// <summary>Label on pods naming the revision they were created from.</summary>
    public const string PodRevisionLabel = "controller-revision-hash";

    // Revision names must stay within 253 characters: prefix + "-" + hash.
    private const int MaxPrefixLength = 223;

    public static string Name(string parentName, string hash) =>
        $"{(parentName.Length > MaxPrefixLength ? parentName[..MaxPrefixLength] : parentName)}-{hash}";

    public static V1ControllerRevision Build(ControllerOwner owner, RevisionData data, string hash, long revision,
        IDictionary<string, string>? templateLabels, IDictionary<string, string>? parentAnnotations)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(data);
        var labels = new Dictionary<string, string>(templateLabels ?? new Dictionary<string, string>()) { [HashLabel] = hash };
        return new V1ControllerRevision
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevision",
            Metadata = new V1ObjectMeta
            {
                Name = Name(owner.Name, hash),
                NamespaceProperty = owner.Namespace,
                Labels = labels,
                Annotations = parentAnnotations is { Count: > 0 } ? new Dictionary<string, string>(parentAnnotations) : null,
                OwnerReferences = [owner.ToReference()],
            },
            Data = data.Node.DeepClone(),
            Revision = revision,
        };
    }
}
