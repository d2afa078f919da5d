using System.Runtime.CompilerServices;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Entities.CloneSets;

/// <summary>Reads a CloneSet entity's observed world as the planner's <see cref="CloneSetObservation"/>.</summary>
public static class CloneSetObservations
{
    // Observed objects are never changed once delivered, so each is converted once, not once per
    // decision (a CloneSet with many pods decides on every change of any of them).
    private static readonly ConditionalWeakTable<object, object> Converted = [];

    /// <summary>
    /// The CloneSet (null when it is gone) and what it controls. Synced once pods, PVCs and
    /// ControllerRevisions have all been delivered in full, so a pod that has not arrived yet is
    /// never taken for a missing one.
    /// </summary>
    public static CloneSetObservation From(ObservedWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var cloneSet = world.All<CloneSet>(WatchedResource.CloneSets.Kind).FirstOrDefault();
        var pods = world.All<V1Pod>(WatchedResource.Pods.Kind).Select(p => Convert(p, ObservedPod.From)).ToList();
        var pvcs = world.All<V1PersistentVolumeClaim>(WatchedResource.PersistentVolumeClaims.Kind).Select(p => Convert(p, ObservedPvc.From)).ToList();
        var revisions = world.All<V1ControllerRevision>(WatchedResource.ControllerRevisions.Kind).Select(r => Convert(r, ObservedRevision.From)).ToList();
        var synced = world.IsSynced(WatchedResource.Pods.Kind)
            && world.IsSynced(WatchedResource.PersistentVolumeClaims.Kind)
            && world.IsSynced(WatchedResource.ControllerRevisions.Kind);
        return new CloneSetObservation(cloneSet, pods, pvcs, revisions, synced);
    }

    private static TObserved Convert<TObject, TObserved>(TObject obj, Func<TObject, TObserved> convert)
        where TObject : class
        where TObserved : class =>
        (TObserved)Converted.GetValue(obj, o => convert((TObject)o));
}
