using Kruise.Actors.Crds.Apps.Pub;

namespace Kruise.Actors.Planning.Pods;

/// <summary>
/// Ready and available as OpenKruise's workloads count them: running, Ready, not held by an
/// in-place update (InPlaceUpdateReady absent or True), and for availability ready for
/// longer than minReadySeconds and in the Normal lifecycle state.
/// </summary>
public static class PodAvailability
{
    /// <summary>Running, Ready and not mid in-place update (OpenKruise's IsPodUpdateReady with no minReadySeconds).</summary>
    public static bool IsReady(ObservedPod pod) =>
        pod.Phase == "Running" && pod.Ready && pod.InPlaceUpdateReady != false;

    /// <summary>Ready for more than minReadySeconds at <paramref name="now"/>, and in no lifecycle hook.</summary>
    public static bool IsAvailable(ObservedPod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsLifecycleNormal(pod) || !IsReady(pod))
            return false;
        if (minReadySeconds <= 0)
            return true;
        return pod.ReadySince is { } since && since.AddSeconds(minReadySeconds) < now;
    }

    /// <summary>When a ready pod will count as available, or null when it already does or is not ready.</summary>
    public static DateTimeOffset? AvailableAt(ObservedPod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (minReadySeconds <= 0 || !IsLifecycleNormal(pod) || !IsReady(pod) || pod.ReadySince is not { } since)
            return null;
        var at = since.AddSeconds(minReadySeconds).AddMilliseconds(1);
        return at > now ? at : null;
    }

    public static bool IsLifecycleNormal(ObservedPod pod) =>
        pod.Label(LifecycleStates.Label) is null or "" or LifecycleStates.Normal;
}
