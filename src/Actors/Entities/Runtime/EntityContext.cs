using Akka.Actor;
using Kruise.Actors.Kube;
using Kruise.Actors.Observability;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>What an entity gets from its replica: where commands go, where to ask for a resync, metrics, the clock.</summary>
public sealed record EntityContext(IActorRef Gateway, IObservationFeed Feed, ControllerMetrics Metrics, TimeProvider Time, HealthLog JournalHealth)
{
    /// <summary>Snapshot after this many events since the last one.</summary>
    public int SnapshotEvery { get; init; } = 100;

    private readonly IReadOnlyList<WatchedResource> _observes = [];

    /// <summary>The resources the entity's kind observes (asked for a resync when it starts).</summary>
    public IReadOnlyList<WatchedResource> Observes
    {
        get => _observes;
        init
        {
            _observes = value;
            ObservedKinds = [.. value.Select(r => r.Kind).Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>The kinds of <see cref="Observes"/>, once: every entity's <see cref="ObservedWorld"/> shares the array.</summary>
    internal string[] ObservedKinds { get; private init; } = [];

    /// <summary>How often a (re)started entity asks again for the resync it has not had in full.</summary>
    public TimeSpan ResyncRetry { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where <see cref="Decision.Messages"/> go; none by default (an entity tested alone).</summary>
    public IEntityRouter Entities { get; init; } = NoEntities.Instance;
}

/// <summary>Drops every message: for entities run without shard regions (unit tests).</summary>
public sealed class NoEntities : IEntityRouter
{
    public static readonly NoEntities Instance = new();

    private NoEntities()
    {
    }

    public void Tell(EntityId entity, object message)
    {
    }
}
