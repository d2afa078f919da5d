using System.Collections.Immutable;
using k8s.Models;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Runtime;

/// <summary>Input: the entity should make sure a ConfigMap of this name exists.</summary>
public sealed record WantConfigMap(string Name);

public sealed record ConfigMapCreateRequested(string Name);

public sealed record ConfigMapCreateConfirmed(string Name);

/// <summary>Request: how many objects the entity has observed; the reply is an int.</summary>
public sealed record HowManyObserved;

public sealed record IntentState(string Namespace, ImmutableSortedSet<string> Pending, ImmutableSortedSet<string> Done);

/// <summary>
/// A test-only model with durable intents, the shape every workload entity has: the intent is an
/// event, its command is derived from the state, an outcome (or the watch) clears it, and after a
/// restart pending intents are re-issued while finished ones are not.
/// </summary>
public sealed class IntentModel : IEntityModel<IntentState>
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(50);

    public static EventRegistry Register(EventRegistry registry) => registry
        .Add<ConfigMapCreateRequested>("test.create-requested", e => $"create configmap {e.Name}")
        .Add<ConfigMapCreateConfirmed>("test.create-confirmed", e => $"configmap {e.Name} exists")
        .Add<IntentState>("test.intent-state");

    public IntentState Initial(EntityId id) => new(id.Namespace ?? "default", [], []);

    public Decision Decide(IntentState state, ObservedWorld world, object input, DateTimeOffset now) => input switch
    {
        WantConfigMap want when !state.Pending.Contains(want.Name) && !state.Done.Contains(want.Name) =>
            new Decision { Events = [new ConfigMapCreateRequested(want.Name)], Commands = [Create(state, want.Name)] },
        CommandOutcome { Succeeded: true } outcome when state.Pending.Contains(outcome.Id) =>
            Decision.Persist(new ConfigMapCreateConfirmed(outcome.Id)),
        CommandOutcome { Status: CommandStatus.Failed } => new Decision { WakeAfter = RetryAfter },
        ObjectObserved { Object: V1ConfigMap map } when state.Pending.Contains(map.Metadata.Name) =>
            Decision.Persist(new ConfigMapCreateConfirmed(map.Metadata.Name)),
        HowManyObserved => new Decision { Reply = world.Count },
        EntityRecovered or WakeUp => new Decision { Commands = [.. state.Pending.Select(name => Create(state, name))] },
        _ => Decision.None,
    };

    public IntentState Evolve(IntentState state, object @event) => @event switch
    {
        ConfigMapCreateRequested e => state with { Pending = state.Pending.Add(e.Name) },
        ConfigMapCreateConfirmed e => state with { Pending = state.Pending.Remove(e.Name), Done = state.Done.Add(e.Name) },
        _ => state,
    };

    public static KubeCommand Create(IntentState state, string name) =>
        new CreateObject(name, new ObjectRef("", "v1", "configmaps", "ConfigMap", state.Namespace, name), new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = state.Namespace },
            Data = new Dictionary<string, string> { ["made-by"] = "intent-model" },
        });
}
