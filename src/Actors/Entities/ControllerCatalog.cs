using Kruise.Actors.Entities.CloneSets;
using Kruise.Actors.Entities.Pods;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Persistence;
using Kruise.Actors.Planning.CloneSets;

namespace Kruise.Actors.Entities;

/// <summary>
/// The entity kinds a controller runs and the registry of every type they persist (events and
/// state snapshots, with manifests). The runtime starts one shard region per kind and watches
/// what the kinds observe; `kruise-actors events` decodes the journal with the same registry.
/// </summary>
public sealed class ControllerCatalog
{
    private readonly List<EntityKind> _kinds = [];

    public EventRegistry Events { get; } = new();

    public IReadOnlyList<EntityKind> Kinds => _kinds;

    public ControllerCatalog Add(EntityKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (_kinds.Any(k => k.Name == kind.Name))
            throw new ArgumentException($"entity kind \"{kind.Name}\" is already registered", nameof(kind));
        if (_kinds.Any(k => k.Resource.Group == kind.Resource.Group && k.Resource.Kind == kind.Resource.Kind))
            throw new ArgumentException($"{kind.Resource} already has an entity kind", nameof(kind));
        _kinds.Add(kind);
        return this;
    }

    /// <summary>Throws when a kind's state type has no manifest (its snapshots could not be stored).</summary>
    public void Validate()
    {
        foreach (var kind in _kinds)
        {
            if (!Events.TryGetManifest(kind.StateType, out _))
                throw new InvalidOperationException($"entity kind {kind.Name}: register its state type {kind.StateType.Name} in Events (it is the snapshot)");
        }
    }

    /// <summary>The controller's production kinds and events (what `run` and `up` start, what `events` decodes).</summary>
    /// <param name="cloneSets">The CloneSet planner's settings (e.g. the CNI's requested-IP annotation); null: defaults.</param>
    public static ControllerCatalog CreateDefault(CloneSetPlannerOptions? cloneSets = null)
    {
        var catalog = new ControllerCatalog().Add(CloneSetEntity.Kind(cloneSets)).Add(PodEntity.Kind());
        CloneSetEntity.Register(catalog.Events);
        PodEntity.Register(catalog.Events);
        return catalog;
    }
}
