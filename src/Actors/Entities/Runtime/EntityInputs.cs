using k8s;
using k8s.Models;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>The watch saw <see cref="Object"/> (added or changed); <see cref="Kind"/> is its API kind, e.g. "Pod".</summary>
public sealed record ObjectObserved(string Kind, IKubernetesObject<V1ObjectMeta> Object);

/// <summary>The watch saw <see cref="Object"/> deleted (its last known state), or a relist found it gone.</summary>
public sealed record ObjectDeleted(string Kind, IKubernetesObject<V1ObjectMeta> Object);

/// <summary>
/// Every object of <see cref="Kind"/> routed to this entity has been delivered since it (re)started:
/// a model acts on "what exists" only once each kind it observes is synced.
/// </summary>
public sealed record ObservationsSynced(string Kind);

/// <summary>
/// To an <see cref="ICoalescesObservations"/> model instead of each <see cref="ObjectObserved"/> and
/// <see cref="ObjectDeleted"/>: one or more of them were folded into the world since its last decision.
/// </summary>
public sealed class ObservationsChanged
{
    public static readonly ObservationsChanged Instance = new();

    private ObservationsChanged()
    {
    }
}

/// <summary>Delivered once after the journal was replayed (and before any other input): re-issue pending intents.</summary>
public sealed class EntityRecovered
{
    public static readonly EntityRecovered Instance = new();

    private EntityRecovered()
    {
    }
}

/// <summary>The wake-up a <see cref="Decision.WakeAfter"/> asked for (intent timeouts, retries, minReadySeconds).</summary>
public sealed class WakeUp
{
    public static readonly WakeUp Instance = new();

    private WakeUp()
    {
    }
}

/// <summary>Asks an entity for its current state (inspection and tests); the reply is the state object.</summary>
public sealed class GetEntityState
{
    public static readonly GetEntityState Instance = new();

    private GetEntityState()
    {
    }
}
