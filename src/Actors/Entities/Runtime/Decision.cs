using Kruise.Actors.Kube;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// What a model decided for one input: events to persist (and fold) before any command is sent,
/// the API writes to send afterwards, when to be woken up again, and whether the entity is done.
/// </summary>
public sealed record Decision
{
    public static readonly Decision None = new();

    public IReadOnlyList<object> Events { get; init; } = [];

    public IReadOnlyList<KubeCommand> Commands { get; init; } = [];

    /// <summary>
    /// Messages to other entities (e.g. a workload asking a pod entity for an in-place update), sent
    /// after the events are persisted, like commands. Delivery is at most once: the sender keeps an
    /// intent and sends again until it observes the result, so receivers must be idempotent.
    /// </summary>
    public IReadOnlyList<EntityMessage> Messages { get; init; } = [];

    /// <summary>Deliver <see cref="WakeUp"/> after this long; the earliest pending wake-up wins, null leaves it as is.</summary>
    public TimeSpan? WakeAfter { get; init; }

    /// <summary>Answer to the sender of the input (a request from another actor), sent once the events are persisted.</summary>
    public object? Reply { get; init; }

    /// <summary>The entity has nothing more to do (its object is gone and no intent is pending): stop and forget it.</summary>
    public bool Passivate { get; init; }

    public static Decision Persist(params object[] events) => new() { Events = events };

    public static Decision Send(params KubeCommand[] commands) => new() { Commands = commands };

    public bool IsEmpty => Events.Count == 0 && Commands.Count == 0 && Messages.Count == 0 && WakeAfter is null && Reply is null && !Passivate;
}

/// <summary>A message for the entity <paramref name="Target"/>; its type must be registered in the event registry (it may cross replicas).</summary>
public sealed record EntityMessage(EntityId Target, object Message);
