using System.Collections.Immutable;
using k8s.Models;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Common;

namespace Kruise.Actors.Planning.Pods;

/// <summary>
/// What a workload planner needs to know about one of its pods, taken from the watched object.
/// Small on purpose: entities keep one per pod in memory, and tests build them in one line.
/// </summary>
public sealed record ObservedPod
{
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    /// <summary>metadata.labels: a trimmed pod's own read-only map (shared, not copied), else a copy.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>metadata.annotations, as <see cref="Labels"/>.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string Phase { get; init; } = "Pending";

    /// <summary>The node the pod is bound to; empty when unscheduled.</summary>
    public string NodeName { get; init; } = "";

    /// <summary>status.podIP; null until the network gave the pod an address.</summary>
    public string? PodIp { get; init; }

    /// <summary>The Ready condition is True.</summary>
    public bool Ready { get; init; }

    /// <summary>When the Ready condition last turned True (its lastTransitionTime).</summary>
    public DateTimeOffset? ReadySince { get; init; }

    /// <summary>Status of the InPlaceUpdateReady condition; null when the pod has none.</summary>
    public bool? InPlaceUpdateReady { get; init; }

    /// <summary>spec.readinessGates names InPlaceUpdateReady, so the pod is Ready only once that condition is True.</summary>
    public bool HasInPlaceUpdateGate { get; init; }

    /// <summary>metadata.finalizers (lifecycle hooks may be finalizers).</summary>
    public ImmutableList<string> Finalizers { get; init; } = ImmutableList<string>.Empty;

    /// <summary>spec.readinessGates names KruisePodReady (lifecycle hooks with markPodNotReady).</summary>
    public bool HasKruisePodReadyGate { get; init; }

    /// <summary>Status of the KruisePodReady condition; null when the pod has none.</summary>
    public bool? KruisePodReady { get; init; }

    /// <summary>The KruisePodReady condition's message: the writers holding it False, as a JSON list.</summary>
    public string KruisePodReadyMessage { get; init; } = "";

    /// <summary>The pod has a deletionTimestamp.</summary>
    public bool Deleting { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The highest restartCount among its containers.</summary>
    public int MaxRestarts { get; init; }

    /// <summary>Uid of its controller ownerReference.</summary>
    public string? OwnerUid { get; init; }

    /// <summary>Active as kube counts it: not Succeeded, not Failed and not being deleted.</summary>
    public bool IsActive => !Deleting && Phase is not ("Succeeded" or "Failed");

    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value : null;

    public static ObservedPod From(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var conditions = pod.Status?.Conditions ?? [];
        var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
        var inPlace = conditions.FirstOrDefault(c => c.Type == InPlaceUpdateKeys.ReadinessGate);
        var kruiseReady = conditions.FirstOrDefault(c => c.Type == PodReadinessKeys.KruisePodReady);
        return new ObservedPod
        {
            Name = pod.Metadata?.Name ?? "",
            Uid = pod.Metadata?.Uid ?? "",
            Labels = ReadOnlyMaps.Of(pod.Metadata?.Labels),
            Annotations = ReadOnlyMaps.Of(pod.Metadata?.Annotations),
            Phase = pod.Status?.Phase ?? "Pending",
            NodeName = pod.Spec?.NodeName ?? "",
            PodIp = string.IsNullOrEmpty(pod.Status?.PodIP) ? null : pod.Status.PodIP,
            Ready = ready?.Status == "True",
            ReadySince = ready?.Status == "True" ? Times.Utc(ready.LastTransitionTime) : null,
            InPlaceUpdateReady = inPlace is null ? null : inPlace.Status == "True",
            HasInPlaceUpdateGate = (pod.Spec?.ReadinessGates ?? []).Any(g => g.ConditionType == InPlaceUpdateKeys.ReadinessGate),
            Finalizers = (pod.Metadata?.Finalizers ?? []).ToImmutableList(),
            HasKruisePodReadyGate = (pod.Spec?.ReadinessGates ?? []).Any(g => g.ConditionType == PodReadinessKeys.KruisePodReady),
            KruisePodReady = kruiseReady is null ? null : kruiseReady.Status == "True",
            KruisePodReadyMessage = kruiseReady?.Message ?? "",
            Deleting = pod.Metadata?.DeletionTimestamp is not null,
            CreatedAt = Times.Utc(pod.Metadata?.CreationTimestamp),
            MaxRestarts = (pod.Status?.ContainerStatuses ?? []).Select(c => c.RestartCount).DefaultIfEmpty(0).Max(),
            OwnerUid = ControllerOwner.ControllerUidOf(pod.Metadata),
        };
    }
}
