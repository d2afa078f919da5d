using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// Correlation ids of the commands planners emit: `verb:Kind:name`, so an outcome finds its
/// intent again. Equal ids mean the same write; the runtime may drop a command whose id is still
/// in flight.
/// </summary>
public static class CommandIds
{
    public const string Create = "create";
    public const string Delete = "delete";
    public const string Patch = "patch";
    public const string Status = "status";
    public const string Event = "event";

    /// <summary>A pod label patch moving it to PreparingDelete (covered by a PreparePodDelete intent).</summary>
    public const string PreDelete = "pre-delete";

    /// <summary>A pod lifecycle state or KruisePodReady patch re-derived from each observation (no intent).</summary>
    public const string Lifecycle = "lifecycle";

    /// <summary>A pod's KruisePodReady condition as its lifecycle state calls for (no intent).</summary>
    public const string LifecycleReadiness = "lifecycle-ready";

    /// <summary>The CloneSet's retained-pod-ips annotation, re-derived from each observation (no intent).</summary>
    public const string RetainedIps = "retained-ips";

    public static string For(string verb, ObjectRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{verb}:{target.Kind}:{target.Name}";
    }

    public static (string Verb, string Kind, string Name)? Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split(':', 3);
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
    }
}
