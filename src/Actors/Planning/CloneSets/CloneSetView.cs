using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>One decision's reading of the observation: the defaulted CloneSet and the objects it controls.</summary>
internal sealed class CloneSetView
{
    private readonly Dictionary<(string PodRevision, string Target), InPlaceUpdatePlan> _inPlacePlans = [];

    private CloneSetView(CloneSet original, CloneSet cloneSet, CloneSetObservation observation, DateTimeOffset now, CloneSetPlannerOptions options)
    {
        Original = original;
        CloneSet = cloneSet;
        Now = now;
        Options = options;
        Uid = original.Metadata.Uid ?? "";
        Namespace = original.Metadata.NamespaceProperty ?? "";
        Name = original.Metadata.Name ?? "";
        Ref = ObjectRef.CloneSet(Namespace, Name);
        Pods = observation.Pods.Where(p => Owned(p.OwnerUid)).ToList();
        ActivePods = Pods.Where(p => p.IsActive).ToList();
        PodsByName = Pods.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        AllPvcs = observation.Pvcs.Where(p => Owned(p.OwnerUid)).ToList();
        Pvcs = AllPvcs.Where(p => !p.Deleting).ToList();
        Revisions = observation.Revisions.Where(r => Owned(r.OwnerUid)).ToList();
    }

    /// <summary>The object as watched, for status writes.</summary>
    public CloneSet Original { get; }

    /// <summary>The object with OpenKruise's defaults applied, for every decision.</summary>
    public CloneSet CloneSet { get; }

    public CloneSetSpec Spec => CloneSet.Spec;
    public DateTimeOffset Now { get; }
    public CloneSetPlannerOptions Options { get; }
    public string Uid { get; }
    public string Namespace { get; }
    public string Name { get; }
    public ObjectRef Ref { get; }

    /// <summary>Every controlled pod, terminating and finished ones included.</summary>
    public IReadOnlyList<ObservedPod> Pods { get; }

    public IReadOnlyList<ObservedPod> ActivePods { get; }

    public IReadOnlyDictionary<string, ObservedPod> PodsByName { get; }

    /// <summary>Every controlled PVC, terminating ones included.</summary>
    public IReadOnlyList<ObservedPvc> AllPvcs { get; }

    public IReadOnlyList<ObservedPvc> Pvcs { get; }
    public IReadOnlyList<ObservedRevision> Revisions { get; }

    public RevisionData? Desired { get; private set; }
    public ActiveRevisions Active { get; private set; } = null!;

    public static CloneSetView Create(CloneSet original, CloneSetObservation observation, DateTimeOffset now, CloneSetPlannerOptions options) =>
        new(original, CloneSetDefaults.Apply(original), observation, now, options);

    public void ResolveRevisions(int knownCollisions)
    {
        Desired = RevisionData.FromTemplate(Spec.Template!);
        var collisions = Math.Max(knownCollisions, CloneSet.Status?.CollisionCount ?? 0);
        Active = ActiveRevisions.Resolve(Name, Desired, Revisions, collisions, CloneSet.Status?.CurrentRevision);
    }

    /// <summary>The pod template of a revision: the spec's for the update revision, else the stored one.</summary>
    public V1PodTemplateSpec? TemplateOf(string revision) =>
        revision == Active.UpdateRevisionName
            ? Spec.Template
            : Revisions.FirstOrDefault(r => r.Name == revision)?.Data?.Template();

    /// <summary>The pod template of the revision a pod is labelled with (the label may hold the name or just its hash).</summary>
    public V1PodTemplateSpec? TemplateOfPodRevision(string podRevision) =>
        RevisionHash.Matches(podRevision, Active.UpdateRevisionName)
            ? Spec.Template
            : (Revisions.FirstOrDefault(r => r.Name == podRevision) ?? Revisions.FirstOrDefault(r => RevisionHash.Matches(podRevision, r.Name)))?.Data?.Template();

    /// <summary>
    /// The in-place plan from a pod revision to <paramref name="target"/>. It depends on the two
    /// revisions only, so a batch of pods on one revision decodes and compares the templates once.
    /// </summary>
    public InPlaceUpdatePlan InPlacePlan(string podRevision, string target, Func<InPlaceUpdatePlan> plan)
    {
        if (!_inPlacePlans.TryGetValue((podRevision, target), out var known))
            _inPlacePlans[(podRevision, target)] = known = plan();
        return known;
    }

    /// <summary>The instance id of a pod: its label, else what its name carries.</summary>
    public string? InstanceIdOf(ObservedPod pod) =>
        pod.Label(CloneSet.InstanceIdLabel) ?? InstanceIds.FromPodName(Name, pod.Name);

    private bool Owned(string? ownerUid) => ownerUid is null || ownerUid == Uid;
}
