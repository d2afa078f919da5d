using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;

namespace Kruise.Actors.Tests.Runtime;

public sealed record MarkerRequested(string ConfigMap);

public sealed record MarkerConfirmed(string ConfigMap);

public sealed record MarkerState(string Namespace, string Name, bool Requested, bool Done);

/// <summary>Asks a marker entity whether its world is synced and what it sees; the reply is a <see cref="MarkerView"/>.</summary>
public sealed record WhatDoYouSee;

public sealed record MarkerView(bool Synced, int Pods, MarkerState State);

/// <summary>
/// A test-only workload model run by the real runtime: for each CloneSet, make sure a ConfigMap
/// `NAME-marker` exists, as a durable intent; act only once the world is synced; forget the entity
/// when its CloneSet is deleted.
/// </summary>
public sealed class MarkerModel : IEntityModel<MarkerState>
{
    public static EventRegistry Register(EventRegistry registry) => registry
        .Add<MarkerRequested>("marker.requested", e => $"create configmap {e.ConfigMap}")
        .Add<MarkerConfirmed>("marker.confirmed", e => $"configmap {e.ConfigMap} exists")
        .Add<MarkerState>("marker.state");

    public MarkerState Initial(EntityId id) => new(id.Namespace ?? "", id.Name, false, false);

    public Decision Decide(MarkerState state, ObservedWorld world, object input, DateTimeOffset now)
    {
        var cloneSet = world.Get<CloneSet>("CloneSet", state.Namespace, state.Name);
        return input switch
        {
            WhatDoYouSee => new Decision { Reply = new MarkerView(world.AllSynced, world.Of("Pod").Count, state) },
            ObjectDeleted { Kind: "CloneSet" } when state.Done || !state.Requested => new Decision { Passivate = true },
            CommandOutcome { Succeeded: true } when state.Requested && !state.Done => Decision.Persist(new MarkerConfirmed(Marker(state))),
            _ when !world.AllSynced || cloneSet is null => Decision.None,
            _ when !state.Requested => new Decision { Events = [new MarkerRequested(Marker(state))], Commands = [Create(state)] },
            // The first decision with the world in view after a restart re-sends what is pending.
            ObservationsSynced when !state.Done => Decision.Send(Create(state)),
            _ => Decision.None,
        };
    }

    public MarkerState Evolve(MarkerState state, object @event) => @event switch
    {
        MarkerRequested => state with { Requested = true },
        MarkerConfirmed => state with { Done = true },
        _ => state,
    };

    private static string Marker(MarkerState state) => state.Name + "-marker";

    private static CreateObject Create(MarkerState state) =>
        new(Marker(state), new ObjectRef("", "v1", "configmaps", "ConfigMap", state.Namespace, Marker(state)), new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = Marker(state), NamespaceProperty = state.Namespace },
        });
}
