using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Pods;
using LifecycleSpec = Kruise.Actors.Crds.Apps.Pub.Lifecycle;

namespace Kruise.Actors.Planning.Lifecycle;

/// <summary>
/// markPodNotReady: while a hook holds a pod in PreparingDelete or PreparingUpdate, its
/// KruisePodReady condition is False, so the Ready gate takes it out of Services before the
/// handler runs. The condition is shared by several writers (OpenKruise's podreadiness): its
/// message lists who holds it False (`[{"userAgent":"Lifecycle","key":"preDeleteHook"}]`), and it
/// is True only when that list is empty. This computes, from the pod as observed, the one status
/// patch that brings the Lifecycle entries to what the pod's state calls for; level-triggered, so
/// a lost patch is derived again from the next observation.
/// </summary>
public static class LifecycleReadiness
{
    public const string UserAgent = "Lifecycle";
    public const string PreDeleteKey = "preDeleteHook";
    public const string PreUpdateKey = "preUpdateHook";

    /// <summary>
    /// The strategic merge status patch for the pod's KruisePodReady condition, or null when it is
    /// already right or the pod lacks the KruisePodReady readiness gate (then nothing reads it).
    /// A gated pod with no condition yet gets it True (or False if a hook already holds it).
    /// </summary>
    public static string? Patch(LifecycleSpec? lifecycle, ObservedPod pod, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (!pod.HasKruisePodReadyGate)
            return null;
        var current = Holders(pod.KruisePodReadyMessage);
        var wanted = current.ToList();
        var state = PodLifecycle.StateOf(pod);
        Want(wanted, PreDeleteKey, state == LifecycleStates.PreparingDelete && lifecycle?.PreDelete?.MarkPodNotReady == true);
        // Kept through Updating (the update itself holds the pod then) and released once Updated or Normal.
        if (state != LifecycleStates.Updating)
            Want(wanted, PreUpdateKey, state == LifecycleStates.PreparingUpdate && lifecycle?.InPlaceUpdate?.MarkPodNotReady == true);

        var ready = wanted.Count == 0;
        if (pod.KruisePodReady == ready && wanted.SequenceEqual(current))
            return null;
        return StatusPatch(ready, wanted, now);
    }

    /// <summary>The writers listed in a KruisePodReady message; unreadable text counts as none.</summary>
    public static IReadOnlyList<Holder> Holders(string message)
    {
        if (string.IsNullOrWhiteSpace(message))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<Holder>>(message) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void Want(List<Holder> holders, string key, bool held)
    {
        var has = holders.Any(h => h.UserAgent == UserAgent && h.Key == key);
        if (held && !has)
            holders.Add(new Holder(UserAgent, key));
        else if (!held && has)
            holders.RemoveAll(h => h.UserAgent == UserAgent && h.Key == key);
    }

    private static string StatusPatch(bool ready, List<Holder> holders, DateTimeOffset now)
    {
        var at = LifecyclePatches.Timestamp(now);
        var conditions = new JsonArray
        {
            new JsonObject
            {
                ["type"] = PodReadinessKeys.KruisePodReady,
                ["status"] = ready ? "True" : "False",
                ["message"] = holders.Count == 0 ? "" : JsonSerializer.Serialize(holders),
                ["lastTransitionTime"] = at,
            },
        };
        // As OpenKruise does, Ready drops at once rather than at the kubelet's next status sync.
        if (!ready)
        {
            conditions.Add(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = "False",
                ["reason"] = "ReadinessGatesNotReady",
                ["message"] = $"the status of pod readiness gate \"{PodReadinessKeys.KruisePodReady}\" is not \"True\", but False",
                ["lastTransitionTime"] = at,
            });
        }
        return new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } }.ToJsonString();
    }

    /// <summary>One writer holding KruisePodReady False.</summary>
    public sealed record Holder(
        [property: System.Text.Json.Serialization.JsonPropertyName("userAgent")] string UserAgent,
        [property: System.Text.Json.Serialization.JsonPropertyName("key")] string Key);
}
