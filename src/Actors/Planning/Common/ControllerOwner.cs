using k8s.Models;

namespace Kruise.Actors.Planning.Common;

/// <summary>
/// The workload that controls an object: what its controller ownerReference says, and what the
/// planners compare an observed object's controller uid against.
/// </summary>
public sealed record ControllerOwner(string ApiVersion, string Kind, string Namespace, string Name, string Uid)
{
    /// <summary>A controller reference with blockOwnerDeletion, as kube's NewControllerRef builds it.</summary>
    public V1OwnerReference ToReference() => new()
    {
        ApiVersion = ApiVersion,
        Kind = Kind,
        Name = Name,
        Uid = Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>The uid of the object's controller ownerReference, or null when it has none.</summary>
    public static string? ControllerUidOf(V1ObjectMeta? metadata) =>
        metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true)?.Uid;
}
