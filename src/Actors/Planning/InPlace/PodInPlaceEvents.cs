using System.Collections.Immutable;
using System.Globalization;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>A fact the pod entity persists about an in-place update; manifests in <see cref="PodInPlaceEvents.Manifests"/>.</summary>
public abstract record PodInPlaceEvent(string Revision);

/// <summary>Accepted a request; the pod's uid is checked against the observed pod once the world is synced.</summary>
public sealed record InPlaceUpdateRequested(UpdatePodInPlace Request, DateTimeOffset At) : PodInPlaceEvent(Request.Spec.Revision);

/// <summary>The pod shows InPlaceUpdateReady=False; the images may be patched from <paramref name="GraceUntil"/> on.</summary>
public sealed record InPlaceNotReadyMarked(string Revision, DateTimeOffset At, DateTimeOffset GraceUntil) : PodInPlaceEvent(Revision);

/// <summary>Decided the pod patch; <paramref name="LastContainers"/> are the statuses before it, what completion is measured against.</summary>
public sealed record InPlacePatchRequested(string Revision, DateTimeOffset At, ImmutableSortedDictionary<string, LastContainerStatus> LastContainers) : PodInPlaceEvent(Revision);

/// <summary>The API accepted the pod patch (the watch may not show it yet).</summary>
public sealed record InPlacePatchApplied(string Revision) : PodInPlaceEvent(Revision);

/// <summary>The pod runs the new revision; decided to set InPlaceUpdateReady=True.</summary>
public sealed record InPlaceReadyRequested(string Revision, DateTimeOffset At) : PodInPlaceEvent(Revision);

/// <summary>The update is done: the pod shows InPlaceUpdateReady=True at the revision.</summary>
public sealed record InPlaceUpdateCompleted(string Revision) : PodInPlaceEvent(Revision);

/// <summary>Gave the update up (pod deleted or recreated, or the API refused a step).</summary>
public sealed record InPlaceUpdateAbandoned(string Revision, string Reason) : PodInPlaceEvent(Revision);

/// <summary>A container's status before the patch: its image digest and restart count.</summary>
public sealed record LastContainerStatus(string ImageId, int RestartCount);

public static class PodInPlaceEvents
{
    public static readonly IReadOnlyDictionary<string, Type> Manifests = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["pod.inplace-requested"] = typeof(InPlaceUpdateRequested),
        ["pod.inplace-not-ready"] = typeof(InPlaceNotReadyMarked),
        ["pod.inplace-patch"] = typeof(InPlacePatchRequested),
        ["pod.inplace-patched"] = typeof(InPlacePatchApplied),
        ["pod.inplace-ready"] = typeof(InPlaceReadyRequested),
        ["pod.inplace-completed"] = typeof(InPlaceUpdateCompleted),
        ["pod.inplace-abandoned"] = typeof(InPlaceUpdateAbandoned),
    };

    /// <summary>The message another entity sends (it may cross replicas, so it has a manifest too).</summary>
    public const string RequestManifest = "pod.update-in-place";

    public static string Describe(PodInPlaceEvent e) => e switch
    {
        InPlaceUpdateRequested r => string.Create(CultureInfo.InvariantCulture,
            $"in-place update to {r.Revision} requested by {r.Request.OwnerKind}/{r.Request.OwnerName} (uid {r.Request.PodUid}, images [{string.Join(", ", r.Request.Spec.ContainerImages.Select(p => $"{p.Key}={p.Value}"))}], grace {r.Request.GracePeriodSeconds}s)"),
        InPlaceNotReadyMarked m => string.Create(CultureInfo.InvariantCulture, $"{m.Revision}: InPlaceUpdateReady=False, patch from {m.GraceUntil:O}"),
        InPlacePatchRequested p => $"{p.Revision}: pod patch (containers before: {string.Join(", ", p.LastContainers.Select(c => $"{c.Key}@{c.Value.ImageId}#{c.Value.RestartCount}"))})",
        InPlacePatchApplied p => $"{p.Revision}: pod patched",
        InPlaceReadyRequested r => $"{r.Revision}: updated, InPlaceUpdateReady=True",
        InPlaceUpdateCompleted c => $"{c.Revision}: completed",
        InPlaceUpdateAbandoned a => $"{a.Revision}: abandoned ({a.Reason})",
        _ => e.GetType().Name,
    };
}
