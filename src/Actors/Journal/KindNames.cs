using Kruise.Actors.Entities;

namespace Kruise.Actors.Journal;

/// <summary>Matches a kind as kubectl users type it (`cloneset`, `clonesets`, `clone`, `CloneSet`, `po`) to an entity kind.</summary>
public static class KindNames
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["po"] = "Pod",
        ["clone"] = "CloneSet",
        ["pvc"] = "PersistentVolumeClaim",
        ["sts"] = "StatefulSet",
        ["asts"] = "StatefulSet",
        ["ds"] = "DaemonSet",
        ["daemon"] = "DaemonSet",
        ["bj"] = "BroadcastJob",
        ["acj"] = "AdvancedCronJob",
        ["ud"] = "UnitedDeployment",
        ["pub"] = "PodUnavailableBudget",
        ["crr"] = "ContainerRecreateRequest",
        ["ws"] = "WorkloadSpread",
        ["no"] = "Node",
    };

    public static bool Matches(string entityKind, string typed, ControllerCatalog? catalog = null)
    {
        var kind = entityKind.ToLowerInvariant();
        var t = typed.ToLowerInvariant();
        if (t == kind || t == kind + "s" || t == kind + "es")
            return true;
        if (ShortNames.TryGetValue(t, out var full) && string.Equals(full, entityKind, StringComparison.OrdinalIgnoreCase))
            return true;
        var registered = catalog?.Kinds.FirstOrDefault(k => k.Name == entityKind);
        return registered is not null && string.Equals(registered.Resource.Plural, t, StringComparison.Ordinal);
    }
}
