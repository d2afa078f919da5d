using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;

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
/// Lists are arrays of their exact length (a list built by Select has a List object and spare
/// capacity around its array: ~50 bytes a list, six lists a pod); nothing writes to a kept pod.
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

    /// <summary>
    /// The JSON properties <see cref="Trim(V1Pod, StringPool)"/> copies, by model: <see cref="DecodeOptions"/> binds
    /// these only. Whatever Trim starts copying must be named here too (the tests compare the two).
    /// </summary>
    private static readonly Dictionary<Type, HashSet<string>> Copied = new()
    {
        [typeof(V1Pod)] = ["apiVersion", "kind", "metadata", "spec", "status"],
        [typeof(V1ObjectMeta)] = ["name", "namespace", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "labels", "annotations", "finalizers", "ownerReferences"],
        [typeof(V1OwnerReference)] = ["apiVersion", "kind", "name", "uid", "controller"],
        [typeof(V1PodSpec)] = ["nodeName", "readinessGates", "containers"],
        [typeof(V1PodReadinessGate)] = ["conditionType"],
        [typeof(V1Container)] = ["name", "image"],
        [typeof(V1PodStatus)] = ["phase", "podIP", "conditions", "containerStatuses"],
        [typeof(V1PodCondition)] = ["type", "status", "reason", "message", "lastTransitionTime"],
        [typeof(V1ContainerStatus)] = ["name", "image", "imageID", "restartCount", "ready"],
    };

    /// <summary>
    /// Decodes a pod into the properties <see cref="Trim(V1Pod, StringPool)"/> copies; the reader skips the rest
    /// (managedFields, volumes, env, probes, container states...) instead of building objects
    /// only to drop them: a pod's watch event allocated ~30 KiB this way, most of a scale-out's garbage.
    /// </summary>
    public static JsonSerializerOptions DecodeOptions { get; } = KubernetesJsonMetadata.With(KeepCopied);

    private static void KeepCopied(JsonTypeInfo info)
    {
        if (!Copied.TryGetValue(info.Type, out var names))
            return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (!names.Contains(info.Properties[i].Name))
                info.Properties.RemoveAt(i);
        }
    }

    /// <summary>Decodes and trims one pod.</summary>
    public static V1Pod? Decode(JsonElement element) => element.Deserialize<V1Pod>(DecodeOptions) is { } pod ? Trim(pod) : null;

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
            Finalizers = meta.Finalizers is { Count: > 0 } finalizers ? finalizers.Select(pool.Get).ToArray() : null,
            OwnerReferences = meta.OwnerReferences is { Count: > 0 } owners
                ? owners.Select(o => new V1OwnerReference
                {
                    ApiVersion = pool.Get(o.ApiVersion),
                    Kind = pool.Get(o.Kind),
                    Name = pool.Get(o.Name),
                    Uid = pool.Get(o.Uid),
                    Controller = o.Controller,
                }).ToArray()
                : null,
        };
    }

    private static V1PodSpec Spec(V1PodSpec spec, StringPool pool) => new()
    {
        NodeName = pool.Get(spec.NodeName),
        ReadinessGates = spec.ReadinessGates is { Count: > 0 } gates ? gates.Select(g => new V1PodReadinessGate { ConditionType = pool.Get(g.ConditionType) }).ToArray() : null,
        Containers = spec.Containers is { } containers ? containers.Select(c => new V1Container { Name = pool.Get(c.Name), Image = pool.Get(c.Image) }).ToArray() : null,
    };

    private static V1PodStatus Status(V1PodStatus status, StringPool pool)
    {
        var conditions = status.Conditions?.Where(c => c.Type is not null && KeptConditions.Contains(c.Type)).ToArray();
        return new V1PodStatus
        {
            Phase = pool.Get(status.Phase),
            PodIP = status.PodIP,
            Conditions = conditions is { Length: > 0 }
                ? conditions.Select(c => new V1PodCondition
                {
                    Type = pool.Get(c.Type),
                    Status = pool.Get(c.Status),
                    Reason = pool.Get(c.Reason),
                    Message = pool.Get(c.Message),
                    LastTransitionTime = c.LastTransitionTime,
                }).ToArray()
                : null,
            ContainerStatuses = status.ContainerStatuses is { Count: > 0 } statuses
                ? statuses.Select(s => new V1ContainerStatus
                {
                    Name = pool.Get(s.Name),
                    Image = pool.Get(s.Image),
                    ImageID = pool.Get(s.ImageID),
                    RestartCount = s.RestartCount,
                    Ready = s.Ready,
                }).ToArray()
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
