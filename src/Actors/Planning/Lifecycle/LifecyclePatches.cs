using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Apps.Pub;

namespace Kruise.Actors.Planning.Lifecycle;

/// <summary>
/// The pod patches that move a pod between lifecycle states. Each is a strategic merge patch of
/// the pod's metadata (labels and annotations merge by key, finalizers merge as a set), so it
/// leaves whatever else the pod carries alone and sending it twice changes nothing more.
/// </summary>
public static class LifecyclePatches
{
    /// <summary>Sets the state label and its timestamp annotation (OpenKruise's UpdatePodLifecycle).</summary>
    public static string MoveTo(string state, DateTimeOffset now) => Build(state, null, now);

    /// <summary>
    /// Sets the state and puts the hook's labels and finalizers back on the pod (OpenKruise's
    /// UpdatePodLifecycleWithHandler): an Updated pod that is updated again must be held by the
    /// inPlaceUpdate hook once more, though its handler took them off after the last update.
    /// </summary>
    public static string MoveToHooked(string state, LifecycleHook? hook, DateTimeOffset now) => Build(state, hook, now);

    /// <summary>RFC 3339 in UTC, as the timestamp annotation holds it.</summary>
    public static string Timestamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Build(string state, LifecycleHook? hook, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        var labels = new JsonObject { [LifecycleStates.Label] = state };
        foreach (var (key, value) in hook?.LabelsHandler ?? new Dictionary<string, string>())
            labels[key] = value;
        var metadata = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = new JsonObject { [LifecycleStates.TimestampAnnotation] = Timestamp(now) },
        };
        if (hook?.FinalizersHandler is { Count: > 0 } finalizers)
            metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => JsonValue.Create(f))]);
        return new JsonObject { ["metadata"] = metadata }.ToJsonString();
    }
}
