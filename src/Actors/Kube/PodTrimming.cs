using k8s.Models;

namespace Kruise.Actors.Kube;

/// <summary>
/// The part of a pod the controller reads (<see cref="Planning.Pods.ObservedPod"/>,
/// <see cref="Planning.InPlace.InPlacePod"/>, routing by controller owner, the watch cache's
/// uid and resourceVersion), copied out of the decoded pod so that only it stays in memory.
/// A pod decoded in full is ~30 KiB on the heap (managedFields, volumes, tolerations, env,
/// container states...); the watch cache and every entity observing it share this one copy
/// for as long as the pod exists, so at 10,000 pods the difference is hundreds of MiB.
/// Anything a planner starts reading must be added here, or it reads as absent.
/// </summary>
public static class PodTrimming
{
    // Written by `kubectl apply`: a full copy of the object as last applied, read by nobody here.
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public static V1Pod Trim(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return new V1Pod
        {
            ApiVersion = pod.ApiVersion,
            Kind = pod.Kind,
            Metadata = Metadata(pod.Metadata),
            Spec = pod.Spec is { } spec ? Spec(spec) : null,
            Status = pod.Status is { } status ? Status(status) : null,
        };
    }

    private static V1ObjectMeta Metadata(V1ObjectMeta? meta)
    {
        if (meta is null)
            return new V1ObjectMeta();
        var annotations = meta.Annotations;
        if (annotations is not null && annotations.ContainsKey(LastAppliedAnnotation))
            annotations = annotations.Where(a => a.Key != LastAppliedAnnotation).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return new V1ObjectMeta
        {
            Name = meta.Name,
            NamespaceProperty = meta.NamespaceProperty,
            Uid = meta.Uid,
            ResourceVersion = meta.ResourceVersion,
            CreationTimestamp = meta.CreationTimestamp,
            DeletionTimestamp = meta.DeletionTimestamp,
            Labels = Empty(meta.Labels),
            Annotations = Empty(annotations),
            Finalizers = Empty(meta.Finalizers),
            OwnerReferences = meta.OwnerReferences is { Count: > 0 } owners
                ? [.. owners.Select(o => new V1OwnerReference { ApiVersion = o.ApiVersion, Kind = o.Kind, Name = o.Name, Uid = o.Uid, Controller = o.Controller })]
                : null,
        };
    }

    private static V1PodSpec Spec(V1PodSpec spec) => new()
    {
        NodeName = spec.NodeName,
        ReadinessGates = spec.ReadinessGates is { Count: > 0 } gates ? [.. gates.Select(g => new V1PodReadinessGate { ConditionType = g.ConditionType })] : null,
        Containers = spec.Containers is { } containers ? [.. containers.Select(c => new V1Container { Name = c.Name, Image = c.Image })] : null,
    };

    private static V1PodStatus Status(V1PodStatus status) => new()
    {
        Phase = status.Phase,
        PodIP = status.PodIP,
        Conditions = status.Conditions is { Count: > 0 } conditions
            ? [.. conditions.Select(c => new V1PodCondition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime })]
            : null,
        ContainerStatuses = status.ContainerStatuses is { Count: > 0 } statuses
            ? [.. statuses.Select(s => new V1ContainerStatus { Name = s.Name, Image = s.Image, ImageID = s.ImageID, RestartCount = s.RestartCount, Ready = s.Ready })]
            : null,
    };

    private static IDictionary<string, string>? Empty(IDictionary<string, string>? map) => map is { Count: > 0 } ? map : null;

    private static IList<string>? Empty(IList<string>? list) => list is { Count: > 0 } ? list : null;
}
