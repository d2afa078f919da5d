using System.Globalization;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Persistence;
using Kruise.Actors.Planning.CloneSets;

namespace Kruise.Actors.Entities.CloneSets;

/// <summary>The CloneSet entity kind as the controller runs it, and what it persists.</summary>
public static class CloneSetEntity
{
    /// <summary>One entity per CloneSet (apps.kruise.io/v1alpha1), seeing the pods, PVCs and ControllerRevisions it controls.</summary>
    public static EntityKind<CloneSetState> Kind(CloneSetPlannerOptions? options = null) =>
        new(WatchedResource.CloneSets, new CloneSetModel(options))
        {
            AlsoObserves = [WatchedResource.Pods, WatchedResource.PersistentVolumeClaims, WatchedResource.ControllerRevisions],
        };

    /// <summary>Registers every CloneSet event (with its `events show` summary) and the state snapshot.</summary>
    public static EventRegistry Register(EventRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (manifest, type) in CloneSetEvents.Manifests.OrderBy(p => p.Key, StringComparer.Ordinal))
            registry.Add(type, manifest, e => CloneSetEvents.Describe((CloneSetEvent)e));
        return registry.Add<CloneSetState>(CloneSetState.SnapshotManifest, Describe);
    }

    private static string Describe(CloneSetState state) =>
        string.Create(CultureInfo.InvariantCulture, $"snapshot of {state.Namespace}/{state.Name}: {state.Intents.Count} pending intents, next id sequence {state.NextIdSequence}");
}
