using Akka.Actor;
using k8s;
using k8s.Models;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// One kind of sharded persistent entity: the API resource it stands for (its entities are
/// `Name/namespace/name`, one per object), the other resources routed to it through
/// controller ownerReferences, and its model. One shard region runs per kind.
/// </summary>
public abstract class EntityKind
{
    private protected EntityKind(WatchedResource resource, string? name)
    {
        Resource = resource;
        Name = name ?? resource.Kind;
        if (Name.Length == 0 || Name.Contains('/', StringComparison.Ordinal))
            throw new ArgumentException($"entity kind name \"{Name}\" must be non-empty and contain no '/'", nameof(name));
    }

    /// <summary>Shard type name and the first segment of entity ids, e.g. "CloneSet".</summary>
    public string Name { get; }

    /// <summary>The resource whose objects are this kind's entities.</summary>
    public WatchedResource Resource { get; }

    /// <summary>Resources whose objects reach this kind's entities through their controller owner (e.g. pods).</summary>
    public IReadOnlyList<WatchedResource> AlsoObserves { get; init; } = [];

    /// <summary>Only objects of <see cref="Resource"/> this accepts get an entity (e.g. only pods a workload controls); null accepts all.</summary>
    public Func<IKubernetesObject<V1ObjectMeta>, bool>? Filter { get; init; }

    /// <summary>Snapshot every N persisted events; null takes the runtime's setting.</summary>
    public int? SnapshotEvery { get; init; }

    /// <summary>Everything routed to this kind's entities: its own resource first.</summary>
    public IReadOnlyList<WatchedResource> Observes => [Resource, .. AlsoObserves.Where(r => r != Resource)];

    /// <summary>The state (= snapshot) type; it must be registered in the event registry.</summary>
    public abstract Type StateType { get; }

    public bool Accepts(IKubernetesObject<V1ObjectMeta> obj) => Filter?.Invoke(obj) ?? true;

    public abstract Props CreateProps(EntityId id, EntityContext context);
}

/// <summary>An entity kind whose entities run <see cref="IEntityModel{TState}"/> in a <see cref="PersistentEntity{TState}"/>.</summary>
public sealed class EntityKind<TState>(WatchedResource resource, IEntityModel<TState> model, string? name = null) : EntityKind(resource, name)
    where TState : class
{
    public IEntityModel<TState> Model { get; } = model;

    public override Type StateType => typeof(TState);

    // The kind's own context, made once per runtime context rather than once per entity (which
    // would keep one copy, and one list of what it observes, in every entity).
    private Cached? _own;

    public override Props CreateProps(EntityId id, EntityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var own = OwnContext(context);
        var model = Model;
        return Props.Create(() => new PersistentEntity<TState>(id, model, own));
    }

    private EntityContext OwnContext(EntityContext context)
    {
        // Shards create entities concurrently: a race makes an equal context twice, which is
        // harmless; the pair is one reference, so a reader never sees half of another's.
        if (_own is { } cached && ReferenceEquals(cached.From, context))
            return cached.Own;
        var own = context with { SnapshotEvery = SnapshotEvery ?? context.SnapshotEvery, Observes = Observes };
        _own = new Cached(context, own);
        return own;
    }

    private sealed record Cached(EntityContext From, EntityContext Own);
}
