using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Controllers;

/// <summary>How the garbage collector sees one owner of an object.</summary>
internal enum OwnerState
{
    /// <summary>Exists and is not deleting its dependents in the foreground: the dependent stays.</summary>
    Solid,

    /// <summary>No object of that kind, name and uid exists: the reference dangles.</summary>
    Dangling,

    /// <summary>Exists, being deleted with foregroundDeletion: it waits for its dependents to go.</summary>
    WaitingForDependents,

    /// <summary>The kind is not served (yet): nothing can be decided, as with a RESTMapper miss.</summary>
    Unresolvable,
}

/// <summary>Resolves owner references against the store, as the garbage collector's isDangling does with a live GET.</summary>
internal sealed class OwnerLookup(ResourceRegistry registry, ObjectStore store)
{
    public OwnerState Classify(OwnerLink owner, ObjectIdentity dependent)
    {
        if (Resolve(owner, dependent) is not { } type)
            return OwnerState.Unresolvable;
        var ns = type.Namespaced ? dependent.Namespace : "";
        var found = store.Get(type.Key, ns, owner.Name);
        if (found is null || ObjectMeta.Uid(found.Object) != owner.Uid)
            return OwnerState.Dangling;
        var deletingDependents = ObjectMeta.IsDeleting(found.Object)
            && ObjectMeta.Finalizers(found.Object).Contains(DeletionRules.ForegroundFinalizer);
        return deletingDependents ? OwnerState.WaitingForDependents : OwnerState.Solid;
    }

    private ResourceType? Resolve(OwnerLink owner, ObjectIdentity dependent)
    {
        var group = owner.ApiVersion.Contains('/', StringComparison.Ordinal) ? owner.ApiVersion[..owner.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        // Objects are stored once per resource, so any served version of the kind finds the owner.
        var type = registry.FindKind(owner.ApiVersion, owner.Kind)
            ?? registry.All.FirstOrDefault(r => r.Group == group && r.Kind == owner.Kind);
        // A cluster-scoped dependent cannot have a namespaced owner: such a reference stays unresolved (Kubernetes 1.20+).
        if (type is null || (type.Namespaced && dependent.Namespace.Length == 0))
            return null;
        return type;
    }
}
