using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.Crds.Apps;

/// <summary>SidecarSet: containers injected into every matching pod at creation and upgraded in place afterwards.</summary>
[CustomResource(KruiseGroups.Apps, "SidecarSet", "sidecarsets", Namespaced = false)]
[PrinterColumn(0, "MATCHED", "integer", ".status.matchedPods", Description = "The number of pods matched.")]
[PrinterColumn(1, "UPDATED", "integer", ".status.updatedPods", Description = "The number of pods matched and updated.")]
[PrinterColumn(2, "READY", "integer", ".status.readyPods", Description = "The number of pods matched and ready.")]
[PrinterColumn(3, "AGE", "date", ".metadata.creationTimestamp")]
public sealed class SidecarSet : KruiseObject<SidecarSetSpec, SidecarSetStatus>
{
    /// <summary>Label of a SidecarSet copied to its ControllerRevisions, for injectionStrategy.revision.customVersion.</summary>
    public const string CustomVersionLabel = "apps.kruise.io/sidecarset-custom-version";
}

public sealed class SidecarSetSpec
{
    [JsonPropertyName("selector"), Description("Pods (by label) the sidecars go into.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("namespace"), Description("Only pods in this namespace; not together with namespaceSelector.")]
    public string? Namespace { get; set; }

    [JsonPropertyName("namespaceSelector"), Description("Only pods in namespaces with matching labels. Unset matches every namespace.")]
    public V1LabelSelector? NamespaceSelector { get; set; }

    [JsonPropertyName("initContainers"), Description("Init containers added to new pods (existing pods are never changed).")]
    public IList<SidecarContainer>? InitContainers { get; set; }

    [JsonPropertyName("containers"), Description("Sidecar containers added to new pods and upgraded in existing ones.")]
    public IList<SidecarContainer>? Containers { get; set; }

    [JsonPropertyName("volumes"), PreserveUnknownFields, Description("Volumes the sidecars mount, added to the pod unless it has one of the same name.")]
    public IList<V1Volume>? Volumes { get; set; }

    [JsonPropertyName("updateStrategy"), Description("How pods that already carry the sidecars get a new version.")]
    public SidecarSetUpdateStrategy? UpdateStrategy { get; set; }

    [JsonPropertyName("injectionStrategy"), Description("Which version new pods get, or none at all.")]
    public SidecarSetInjectionStrategy? InjectionStrategy { get; set; }

    [JsonPropertyName("imagePullSecrets"), Description("Secrets added to the pod to pull the sidecar images.")]
    public IList<V1LocalObjectReference>? ImagePullSecrets { get; set; }

    [JsonPropertyName("revisionHistoryLimit"), Minimum(0), Description("Old ControllerRevisions to keep. Defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }

    [JsonPropertyName("patchPodMetadata"), Description("Annotations written into matching pods along with the sidecars.")]
    public IList<SidecarSetPatchPodMetadata>? PatchPodMetadata { get; set; }
}

public sealed class SidecarSetPatchPodMetadata
{
    [JsonPropertyName("annotations"), Description("Annotations to write.")]
    public IDictionary<string, string>? Annotations { get; set; }

    [JsonPropertyName("patchPolicy"), EnumValues(SidecarSetPatchPolicies.Retain, SidecarSetPatchPolicies.Overwrite, SidecarSetPatchPolicies.MergePatchJson),
     Description("Retain (default) keeps a pod's own value; Overwrite replaces it; MergePatchJson merges JSON object values.")]
    public string? PatchPolicy { get; set; }
}

public static class SidecarSetPatchPolicies
{
    public const string Retain = "Retain";
    public const string Overwrite = "Overwrite";
    public const string MergePatchJson = "MergePatchJson";
}

public sealed class SidecarSetUpdateStrategy
{
    [JsonPropertyName("type"), EnumValues(SidecarSetUpdateStrategyTypes.NotUpdate, SidecarSetUpdateStrategyTypes.RollingUpdate),
     Description("RollingUpdate (default) upgrades injected pods; NotUpdate only injects into new pods.")]
    public string? Type { get; set; }

    [JsonPropertyName("paused"), Description("Stop upgrading injected pods.")]
    public bool? Paused { get; set; }

    [JsonPropertyName("selector"), Description("Upgrade only the matching pods; not together with a non-zero partition.")]
    public V1LabelSelector? Selector { get; set; }

    [JsonPropertyName("partition"), Description("Matched pods (int or percent) to keep at the old version. Defaults to 0.")]
    public IntOrString? Partition { get; set; }

    [JsonPropertyName("maxUnavailable"), Description("Most pods unavailable during the upgrade (int or percent, rounded up); never 0. Defaults to 1.")]
    public IntOrString? MaxUnavailable { get; set; }

    [JsonPropertyName("priorityStrategy"), Description("Which pods upgrade first.")]
    public UpdatePriorityStrategy? PriorityStrategy { get; set; }

    [JsonPropertyName("scatterStrategy"), Description("Labels whose pods are spread over the upgrade order.")]
    public IList<UpdateScatterTerm>? ScatterStrategy { get; set; }
}

public static class SidecarSetUpdateStrategyTypes
{
    public const string NotUpdate = "NotUpdate";
    public const string RollingUpdate = "RollingUpdate";
}

public sealed class SidecarSetInjectionStrategy
{
    [JsonPropertyName("paused"), Description("Inject nothing into new pods; injected pods keep being upgraded.")]
    public bool? Paused { get; set; }

    [JsonPropertyName("revision"), Description("Inject a recorded version instead of the latest.")]
    public SidecarSetInjectRevision? Revision { get; set; }
}

public sealed class SidecarSetInjectRevision
{
    [JsonPropertyName("customVersion"), Description("The version whose ControllerRevision carries this apps.kruise.io/sidecarset-custom-version label.")]
    public string? CustomVersion { get; set; }

    [JsonPropertyName("revisionName"), Description("The ControllerRevision to inject, by name.")]
    public string? RevisionName { get; set; }

    [JsonPropertyName("policy"), EnumValues(SidecarSetInjectRevisionPolicies.Always, SidecarSetInjectRevisionPolicies.Partial),
     Description("Always (default) injects this version; Partial injects the latest into the share the update strategy has reached.")]
    public string? Policy { get; set; }
}

public static class SidecarSetInjectRevisionPolicies
{
    public const string Always = "Always";
    public const string Partial = "Partial";
}

public sealed class SidecarSetStatus
{
    [JsonPropertyName("observedGeneration"), Description("The generation the controller last acted on.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("matchedPods"), SchemaRequired, Description("Pods the selector matches that were created after the SidecarSet.")]
    public int MatchedPods { get; set; }

    [JsonPropertyName("updatedPods"), SchemaRequired, Description("Matched pods running the latest sidecars.")]
    public int UpdatedPods { get; set; }

    [JsonPropertyName("readyPods"), SchemaRequired, Description("Matched pods that are ready.")]
    public int ReadyPods { get; set; }

    [JsonPropertyName("updatedReadyPods"), Description("Matched pods running the latest sidecars and ready.")]
    public int? UpdatedReadyPods { get; set; }

    [JsonPropertyName("latestRevision"), Description("Name of the latest ControllerRevision.")]
    public string? LatestRevision { get; set; }

    [JsonPropertyName("collisionCount"), Description("Count of hash collisions among ControllerRevision names.")]
    public int? CollisionCount { get; set; }
}
