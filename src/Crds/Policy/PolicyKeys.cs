namespace Kruise.Actors.Crds.Policy;

/// <summary>
/// The label that protects an object from deletion. Always: any deletion is refused. Cascading:
/// refused while the object still has live dependents (a Namespace with active pods or bound PVCs,
/// a CRD with custom resources, a workload with replicas &gt; 0).
/// </summary>
public static class DeletionProtection
{
    public const string Label = "policy.kruise.io/delete-protection";
    public const string Always = "Always";
    public const string Cascading = "Cascading";
}

/// <summary>Annotations that tune PodUnavailableBudget protection.</summary>
public static class PubAnnotations
{
    /// <summary>On a pod: the budget does not protect it (e.g. for forced deletion).</summary>
    public const string NoProtect = "pub.kruise.io/no-protect";

    /// <summary>On a budget: comma-separated operations it guards (DELETE, UPDATE, EVICT, RESIZE); unset guards DELETE, EVICT and UPDATE.</summary>
    public const string ProtectOperations = "kruise.io/pub-protect-operations";

    /// <summary>On a budget: the total replicas to count, for targets without a scale subresource.</summary>
    public const string ProtectTotalReplicas = "pub.kruise.io/protect-total-replicas";
}

/// <summary>The pod operations a PodUnavailableBudget can guard.</summary>
public static class PubOperations
{
    public const string Delete = "DELETE";
    public const string Update = "UPDATE";
    public const string Evict = "EVICT";

    /// <summary>In-place resize of a pod's resources; a kind of UPDATE.</summary>
    public const string Resize = "RESIZE";

    public static readonly IReadOnlyList<string> All = [Delete, Update, Evict, Resize];
}
