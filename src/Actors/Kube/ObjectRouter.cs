using k8s;
using k8s.Models;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Kube;

/// <summary>
/// Which entities an observed object goes to: its own entity, when an entity kind is registered
/// for its resource and accepts it; and its controller owner's entity, when the owner's group and
/// kind are registered and that kind observes this resource (pods, ControllerRevisions and PVCs
/// reach their CloneSet this way).
/// </summary>
public sealed class ObjectRouter
{
    private readonly Dictionary<(string Group, string Kind), EntityKind> _kinds;

    public ObjectRouter(IEnumerable<EntityKind> kinds)
    {
        _kinds = kinds.ToDictionary(k => (k.Resource.Group, k.Resource.Kind));
    }

    public IReadOnlyList<EntityId> Route(WatchedResource resource, IKubernetesObject<V1ObjectMeta> obj)
    {
        var meta = obj.Metadata;
        if (meta?.Name is not { Length: > 0 } name)
            return [];
        var ns = resource.Namespaced ? meta.NamespaceProperty : null;
        var routes = new List<EntityId>(2);
        if (_kinds.TryGetValue((resource.Group, resource.Kind), out var own) && own.Accepts(obj))
            routes.Add(new EntityId(own.Name, ns, name));
        var owner = meta.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
        if (owner is { Name.Length: > 0, Kind.Length: > 0, ApiVersion.Length: > 0 }
            && _kinds.TryGetValue((GroupOf(owner.ApiVersion), owner.Kind), out var ownerKind)
            && ownerKind.Observes.Any(r => r.Kind == resource.Kind && r.Group == resource.Group))
        {
            var id = new EntityId(ownerKind.Name, ns, owner.Name);
            if (!routes.Contains(id))
                routes.Add(id);
        }
        return routes;
    }

    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
