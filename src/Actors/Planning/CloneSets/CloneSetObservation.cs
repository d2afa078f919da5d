using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// The entity's in-memory view of the world, rebuilt from watches (never journaled): the latest
/// CloneSet object and the pods, PVCs and ControllerRevisions it controls. Objects whose
/// controller uid is set and differs from the CloneSet's are ignored.
/// </summary>
/// <param name="CloneSet">The latest object as watched (not defaulted); null when it is gone.</param>
/// <param name="Pods">Every pod it controls, including terminating and finished ones.</param>
/// <param name="Pvcs">The PVCs it controls.</param>
/// <param name="Revisions">The ControllerRevisions it controls.</param>
/// <param name="Synced">
/// True once every watch (pods, PVCs, revisions) has delivered its initial list. Until then a
/// missing pod may just not have arrived yet, so nothing is decided.
/// </param>
public sealed record CloneSetObservation(
    CloneSet? CloneSet,
    IReadOnlyList<ObservedPod> Pods,
    IReadOnlyList<ObservedPvc> Pvcs,
    IReadOnlyList<ObservedRevision> Revisions,
    bool Synced = true);
