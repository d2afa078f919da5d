using System.Collections.ObjectModel;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;

namespace Kruise.Actors.Kube;

/// <summary>
/// The part of a pod the controller reads (<see cref="Planning.Pods.ObservedPod"/>,
/// <see cref="Planning.InPlace.InPlacePod"/>, routing by controller owner, the watch cache's
/// uid and resourceVersion), copied out of the decoded pod so that only it stays in memory.
/// A pod decoded in full is ~30 KiB on the heap (managedFields, volumes, tolerations, env,
/// container states...); the watch cache and every entity observing it share this one copy
/// for as long as the pod exists, so at 10,000 pods the difference is hundreds of MiB.
/// Strings that repeat from pod to pod (namespace, label keys and values, owner, images,
/// condition types...) are taken from <see cref="StringPool.Shared"/>, so thousands of pods share one copy.
/// Anything a planner starts reading must be added here, or it reads as absent.
/// </summary>
public static class PodTrimming
{
    // Written by `kubectl apply`: a full copy of the object as last applied, read by nobody here.
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>
    /// The pod conditions a planner reads (Ready; InPlaceUpdateReady; KruisePodReady); the
    /// others (PodScheduled, Initialized, ContainersReady, ...) are dropped.
    /// </summary>
    public static readonly IReadOnlySet<string> KeptConditions = new HashSet<string>(StringComparer.Ordinal)
    {
        "Ready", InPlaceUpdateKeys.ReadinessGate, PodReadinessKeys.KruisePodReady,
    };

    public static V1Pod Trim(V1Pod pod) => Trim(pod, StringPool.Shared);

    public static V1Pod Trim(V1Pod pod, StringPool pool)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(pool);
        return new V1Pod
        {
            ApiVersion = pool.Get(pod.ApiVersion),
            Kind = pool.Get(pod.Kind),
            Metadata = Metadata(pod.Metadata, pool),
            Spec = pod.Spec is { } spec ? Spec(spec, pool) : null,
            Status = pod.Status is { } status ? Status(status, pool) : null,
        };
    }

    private static V1ObjectMeta Metadata(V1ObjectMeta? meta, StringPool pool)
    {
        if (meta is null)
            return new V1ObjectMeta();
        return new V1ObjectMeta
        {
            Name = meta.Name,
            NamespaceProperty = pool.Get(meta.NamespaceProperty),
            Uid = meta.Uid,
            ResourceVersion = meta.ResourceVersion,
            CreationTimestamp = meta.CreationTimestamp,
            DeletionTimestamp = meta.DeletionTimestamp,
            Labels = Map(meta.Labels, pool, skip: null),
            Annotations = Map(meta.Annotations, pool, skip: LastAppliedAnnotation),
            Finalizers = meta.Finalizers is { Count: > 0 } finalizers ? [.. finalizers.Select(pool.Get)] : null,
            OwnerReferences = meta.OwnerReferences is { Count: > 0 } owners
                ? [.. owners.Select(o => new V1OwnerReference
                {
                    ApiVersion = pool.Get(o.ApiVersion),
                    Kind = pool.Get(o.Kind),
                    Name = pool.Get(o.Name),
                    Uid = pool.Get(o.Uid),
                    Controller = o.Controller,
                })]
                : null,
        };
    }

    private static V1PodSpec Spec(V1PodSpec spec, StringPool pool) => new()
    {
        NodeName = pool.Get(spec.NodeName),
        ReadinessGates = spec.ReadinessGates is { Count: > 0 } gates ? [.. gates.Select(g => new V1PodReadinessGate { ConditionType = pool.Get(g.ConditionType) })] : null,
        Containers = spec.Containers is { } containers ? [.. containers.Select(c => new V1Container { Name = pool.Get(c.Name), Image = pool.Get(c.Image) })] : null,
    };

    private static V1PodStatus Status(V1PodStatus status, StringPool pool)
    {
        var conditions = status.Conditions?.Where(c => c.Type is not null && KeptConditions.Contains(c.Type)).ToList();
        return new V1PodStatus
        {
            Phase = pool.Get(status.Phase),
            PodIP = status.PodIP,
            Conditions = conditions is { Count: > 0 }
                ? [.. conditions.Select(c => new V1PodCondition
                {
                    Type = pool.Get(c.Type),
                    Status = pool.Get(c.Status),
                    Reason = pool.Get(c.Reason),
                    Message = pool.Get(c.Message),
                    LastTransitionTime = c.LastTransitionTime,
                })]
                : null,
            ContainerStatuses = status.ContainerStatuses is { Count: > 0 } statuses
                ? [.. statuses.Select(s => new V1ContainerStatus
                {
                    Name = pool.Get(s.Name),
                    Image = pool.Get(s.Image),
                    ImageID = pool.Get(s.ImageID),
                    RestartCount = s.RestartCount,
                    Ready = s.Ready,
                })]
                : null,
        };
    }

    // A copy sized to what it holds (a decoded map has grown by doubling), its keys and values
    // pooled; read-only, so that ObservedPod can share it rather than copy it.
    private static ReadOnlyDictionary<string, string>? Map(IDictionary<string, string>? map, StringPool pool, string? skip)
    {
        if (map is not { Count: > 0 })
            return null;
        var kept = skip is not null && map.ContainsKey(skip) ? map.Count - 1 : map.Count;
        if (kept == 0)
            return null;
        var copy = new Dictionary<string, string>(kept);
        foreach (var (key, value) in map)
        {
            if (!string.Equals(key, skip, StringComparison.Ordinal))
                copy[pool.Get(key)] = pool.Get(value);
        }
        return new ReadOnlyDictionary<string, string>(copy);
    }
}
