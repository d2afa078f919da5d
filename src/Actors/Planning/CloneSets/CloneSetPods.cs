using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Planning.Common;
using Kruise.Actors.Planning.Lifecycle;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// The pods and PVCs a CloneSet creates (OpenKruise's newVersionedPods + GetPersistentVolumeClaims):
/// pod `&lt;cloneset&gt;-&lt;id&gt;` from the revision's template, labelled with the revision and
/// instance id and its first lifecycle state, controlled by the CloneSet, gated by InPlaceUpdateReady, with one PVC
/// `&lt;claim&gt;-&lt;cloneset&gt;-&lt;id&gt;` per volumeClaimTemplate mounted as the claim's volume.
/// </summary>
public static class CloneSetPods
{
    /// <summary>Label every CloneSet pod carries with the short revision hash (as Deployments do).</summary>
    public const string PodTemplateHashLabel = "pod-template-hash";

    public static string PodName(string cloneSetName, string instanceId) => $"{cloneSetName}-{instanceId}";

    public static string ClaimName(string claimTemplateName, string cloneSetName, string instanceId) =>
        $"{claimTemplateName}-{cloneSetName}-{instanceId}";

    public static ControllerOwner Owner(CloneSet cloneSet)
    {
        ArgumentNullException.ThrowIfNull(cloneSet);
        return new ControllerOwner($"{KruiseGroups.Apps}/v1alpha1", "CloneSet", cloneSet.Metadata.NamespaceProperty ?? "",
            cloneSet.Metadata.Name, cloneSet.Metadata.Uid ?? "");
    }

    /// <param name="cloneSet">The (defaulted) CloneSet: names, owner, volumeClaimTemplates.</param>
    /// <param name="template">The pod template of <paramref name="revision"/> (not necessarily the spec's).</param>
    /// <param name="revision">The ControllerRevision name the pod is created at.</param>
    /// <param name="instanceId">The pod's instance id.</param>
    public static V1Pod Build(CloneSet cloneSet, V1PodTemplateSpec template, string revision, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(cloneSet);
        ArgumentNullException.ThrowIfNull(template);
        var copy = ObjectCopy.Clone(template);
        var name = cloneSet.Metadata.Name;
        var labels = new Dictionary<string, string>(copy.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            [ControllerRevisionFactory.PodRevisionLabel] = revision,
            [PodTemplateHashLabel] = RevisionHash.ShortHash(revision),
            [CloneSet.InstanceIdLabel] = instanceId,
            [LifecycleStates.Label] = PodLifecycle.InitialState(cloneSet.Spec.Lifecycle),
        };
        var spec = copy.Spec ?? new V1PodSpec();
        spec.ReadinessGates ??= [];
        if (!spec.ReadinessGates.Any(g => g.ConditionType == InPlaceUpdateKeys.ReadinessGate))
            spec.ReadinessGates.Add(new V1PodReadinessGate { ConditionType = InPlaceUpdateKeys.ReadinessGate });
        // OpenKruise's pod webhook gates every Kruise pod; only hooks with markPodNotReady write the condition, so only they need it.
        if (PodLifecycle.MarksPodNotReady(cloneSet.Spec.Lifecycle) && !spec.ReadinessGates.Any(g => g.ConditionType == PodReadinessKeys.KruisePodReady))
            spec.ReadinessGates.Add(new V1PodReadinessGate { ConditionType = PodReadinessKeys.KruisePodReady });
        spec.Volumes = Volumes(cloneSet, instanceId, spec.Volumes);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = PodName(name, instanceId),
                GenerateName = name + "-",
                NamespaceProperty = cloneSet.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = copy.Metadata?.Annotations is { Count: > 0 } annotations ? new Dictionary<string, string>(annotations) : null,
                Finalizers = copy.Metadata?.Finalizers is { Count: > 0 } finalizers ? [.. finalizers] : null,
                OwnerReferences = [Owner(cloneSet).ToReference()],
            },
            Spec = spec,
        };
    }

    /// <summary>The PVCs of the pod with this instance id, one per volumeClaimTemplate.</summary>
    public static IReadOnlyList<V1PersistentVolumeClaim> Claims(CloneSet cloneSet, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(cloneSet);
        var claims = new List<V1PersistentVolumeClaim>();
        foreach (var template in cloneSet.Spec.VolumeClaimTemplates ?? [])
        {
            var claim = ObjectCopy.Clone(template);
            claim.ApiVersion = "v1";
            claim.Kind = "PersistentVolumeClaim";
            claim.Metadata ??= new V1ObjectMeta();
            var labels = new Dictionary<string, string>(claim.Metadata.Labels ?? new Dictionary<string, string>());
            foreach (var (key, value) in cloneSet.Spec.Selector?.MatchLabels ?? new Dictionary<string, string>())
                labels[key] = value;
            labels[CloneSet.InstanceIdLabel] = instanceId;
            claim.Metadata.Labels = labels;
            claim.Metadata.Name = ClaimName(template.Metadata?.Name ?? "", cloneSet.Metadata.Name, instanceId);
            claim.Metadata.NamespaceProperty = cloneSet.Metadata.NamespaceProperty;
            claim.Metadata.OwnerReferences = [Owner(cloneSet).ToReference()];
            claim.Status = null;
            claims.Add(claim);
        }
        return claims;
    }

    // One volume per claim template (named like the template) first, then the template's own
    // volumes except those a claim replaces.
    private static List<V1Volume> Volumes(CloneSet cloneSet, string instanceId, IList<V1Volume>? templateVolumes)
    {
        var claimTemplates = cloneSet.Spec.VolumeClaimTemplates ?? [];
        var claimNames = claimTemplates.Select(t => t.Metadata?.Name ?? "").ToHashSet(StringComparer.Ordinal);
        var volumes = claimTemplates.Select(t => new V1Volume
        {
            Name = t.Metadata?.Name ?? "",
            PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource
            {
                ClaimName = ClaimName(t.Metadata?.Name ?? "", cloneSet.Metadata.Name, instanceId),
                ReadOnlyProperty = false,
            },
        }).ToList();
        volumes.AddRange((templateVolumes ?? []).Where(v => !claimNames.Contains(v.Name)));
        return volumes;
    }
}
