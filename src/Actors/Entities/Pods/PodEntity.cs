using k8s;
using k8s.Models;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;
using Kruise.Actors.Planning.InPlace;

namespace Kruise.Actors.Entities.Pods;

/// <summary>The Pod entity kind (one per pod a Kruise workload controls), and what it persists.</summary>
public static class PodEntity
{
    public const string KindName = "Pod";

    /// <summary>Workloads whose pods get an entity: (API group, kind) of the pod's controller owner.</summary>
    public static readonly IReadOnlySet<(string Group, string Kind)> Workloads = new HashSet<(string, string)>
    {
        ("apps.kruise.io", "CloneSet"),
    };

    public static EntityKind<PodInPlaceState> Kind() =>
        new(WatchedResource.Pods, new PodInPlaceModel(), KindName) { Filter = IsWorkloadPod };

    public static EntityId Id(string ns, string pod) => new(KindName, ns, pod);

    public static bool IsWorkloadPod(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var owner = obj.Metadata?.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
        if (owner?.ApiVersion is not { Length: > 0 } apiVersion || owner.Kind is not { Length: > 0 } kind)
            return false;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return Workloads.Contains((slash < 0 ? "" : apiVersion[..slash], kind));
    }

    /// <summary>Registers the pod events, the <see cref="UpdatePodInPlace"/> message (it crosses replicas) and the state snapshot.</summary>
    public static EventRegistry Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (manifest, type) in PodInPlaceEvents.Manifests.OrderBy(p => p.Key, StringComparer.Ordinal))
            registry.Add(type, manifest, e => PodInPlaceEvents.Describe((PodInPlaceEvent)e));
        registry.Add<UpdatePodInPlace>(PodInPlaceEvents.RequestManifest, r => $"update {r.Namespace}/{r.Pod} in place to {r.Spec.Revision}");
        return registry.Add<PodInPlaceState>(PodInPlaceState.SnapshotManifest, s => s.Current is { } c ? $"in-place update to {c.Revision} at step {c.Step}" : "no in-place update in progress");
    }
}
