using Kruise.Actors.Planning.Common;
using System.Globalization;
using k8s.Models;
using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.InPlace;
using Kruise.Actors.Planning.Pods;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Tests.Planning.Fixtures;

/// <summary>
/// A fake API server and a thin entity loop around the pure decider: Step() decides on what the
/// "watch" holds, journals the events, folds them, and (unless held) applies the commands as
/// the API would, feeding outcomes back through OnOutcome. Lets scenario tests read like a
/// kubectl session.
/// </summary>
public sealed class CloneSetWorld
{
    private int _uidCounter;

    public CloneSetWorld(CloneSet cloneSet, CloneSetPlannerOptions? options = null)
    {
        CloneSet = cloneSet;
        Options = options ?? CloneSetPlannerOptions.Default;
    }

    public CloneSet CloneSet { get; set; }
    public CloneSetPlannerOptions Options { get; }
    public DateTimeOffset Now { get; set; } = TestPods.T0;
    public CloneSetState State { get; private set; } = CloneSetState.Empty;
    public List<CloneSetEvent> Journal { get; } = [];
    public Dictionary<string, ObservedPod> Pods { get; } = [];
    public Dictionary<string, ObservedPvc> Pvcs { get; } = [];
    public Dictionary<string, ObservedRevision> Revisions { get; } = [];
    public Dictionary<string, V1Pod> PodBodies { get; } = [];
    public Dictionary<string, V1PersistentVolumeClaim> PvcBodies { get; } = [];
    public List<RecordEvent> KubeEvents { get; } = [];
    public List<KubeCommand> Sent { get; } = [];
    public List<CloneSetDecision> Decisions { get; } = [];

    /// <summary>Every in-place update asked of a pod entity, in order.</summary>
    public List<UpdatePodInPlace> PodUpdates { get; } = [];

    /// <summary>When set, in-place updates are recorded but no pod entity carries them out.</summary>
    public bool HoldPodUpdates { get; set; }

    /// <summary>Events of one type in the journal so far.</summary>
    public IReadOnlyList<T> Journaled<T>() where T : CloneSetEvent => Journal.OfType<T>().ToList();

    /// <summary>Commands not yet applied (when <see cref="HoldCommands"/> is set).</summary>
    public List<KubeCommand> Held { get; } = [];

    public bool HoldCommands { get; set; }

    /// <summary>Decides how the API answers a write; null means "do it".</summary>
    public Func<KubeCommand, CommandOutcome?>? Api { get; set; }

    public CloneSetObservation Observation() =>
        new(CloneSet, Pods.Values.ToList(), Pvcs.Values.ToList(), Revisions.Values.ToList());

    public CloneSetDecision Step(bool resume = false)
    {
        var decision = resume
            ? CloneSetDecider.Resume(State, Observation(), Now, Options)
            : CloneSetDecider.Decide(State, Observation(), Now, Options);
        IntentCoverage.Check(decision);
        Decisions.Add(decision);
        Persist(decision);
        Dispatch(decision.Commands);
        foreach (var update in decision.PodUpdates)
        {
            PodUpdates.Add(update);
            if (!HoldPodUpdates)
                UpdateInPlace(update);
        }
        return decision;
    }

    /// <summary>
    /// What the pod entity does, in one go: same pod (name, uid, node), new images, labels and
    /// revision, containers restarted, not ready until <see cref="MakeReady"/>. A request for
    /// another incarnation is ignored, as the pod entity ignores it.
    /// </summary>
    public void UpdateInPlace(UpdatePodInPlace update)
    {
        if (!Pods.TryGetValue(update.Pod, out var pod) || pod.Uid != update.PodUid)
            return;
        var labels = pod.Labels.SetItem(ControllerRevisionFactory.PodRevisionLabel, update.Spec.Revision)
            .SetItem(CloneSetPods.PodTemplateHashLabel, RevisionHash.ShortHash(update.Spec.Revision));
        foreach (var (key, value) in update.Spec.Labels)
            labels = value is null ? labels.Remove(key) : labels.SetItem(key, value);
        Pods[update.Pod] = pod with { Labels = labels, Ready = false, ReadySince = null, InPlaceUpdateReady = false, MaxRestarts = pod.MaxRestarts + 1 };
        if (PodBodies.TryGetValue(update.Pod, out var body))
        {
            foreach (var container in body.Spec.Containers.Where(c => update.Spec.ContainerImages.ContainsKey(c.Name)))
                container.Image = update.Spec.ContainerImages[container.Name];
            body.Metadata.Labels = labels.ToDictionary();
        }
    }

    /// <summary>Steps until a decision changes nothing (or the budget runs out), making new pods ready between steps.</summary>
    public int Settle(bool makeReady = true, int maxSteps = 50)
    {
        for (var step = 1; step <= maxSteps; step++)
        {
            var decision = Step();
            var madeReady = makeReady && MakeAllReady() > 0;
            if (!madeReady && decision.Events.Count == 0 && decision.Commands.All(c => c is RecordEvent))
                return step;
        }
        throw new InvalidOperationException("the CloneSet did not settle");
    }

    public void ApplyHeld()
    {
        var held = Held.ToList();
        Held.Clear();
        foreach (var command in held)
            Apply(command);
    }

    public void Scale(int replicas) => Edit(spec => spec.Replicas = replicas);

    /// <summary>A spec change as `kubectl apply` makes it: new generation and resourceVersion.</summary>
    public void Edit(Action<CloneSetSpec> change)
    {
        var copy = ObjectCopy.Clone(CloneSet);
        change(copy.Spec);
        copy.Metadata.Generation = (copy.Metadata.Generation ?? 0) + 1;
        copy.Metadata.ResourceVersion = NextResourceVersion(copy.Metadata.ResourceVersion);
        CloneSet = copy;
    }

    public void MakeReady(string name) =>
        Pods[name] = Pods[name] with { Phase = "Running", NodeName = "node-1", Ready = true, ReadySince = Now, InPlaceUpdateReady = true };

    /// <summary>Makes every pod that is not ready yet ready now; returns how many.</summary>
    public int MakeAllReady()
    {
        var names = Pods.Values.Where(p => !p.Ready && !p.Deleting).Select(p => p.Name).ToList();
        foreach (var name in names)
            MakeReady(name);
        return names.Count;
    }

    /// <summary>A pod that vanishes (deleted by a user, evicted...), leaving its PVCs.</summary>
    public void RemovePod(string name) => Pods.Remove(name);

    public IReadOnlyList<string> PodNames => Pods.Keys.Order(StringComparer.Ordinal).ToList();

    private void Persist(CloneSetDecision decision)
    {
        Journal.AddRange(decision.Events);
        State = State.EvolveAll(decision.Events);
    }

    private void Dispatch(IEnumerable<KubeCommand> commands)
    {
        foreach (var command in commands)
        {
            Sent.Add(command);
            if (HoldCommands && command is not RecordEvent)
                Held.Add(command);
            else
                Apply(command);
        }
    }

    private void Apply(KubeCommand command)
    {
        var outcome = Api?.Invoke(command) ?? Perform(command);
        if (command is RecordEvent)
            return;
        var decision = CloneSetDecider.OnOutcome(State, outcome, Now);
        IntentCoverage.Check(decision);
        Persist(decision);
        Dispatch(decision.Commands);
    }

    private CommandOutcome Perform(KubeCommand command)
    {
        var status = CommandStatus.Done;
        switch (command)
        {
            case CreateObject { Body: V1Pod pod }:
                if (Pods.ContainsKey(pod.Metadata.Name))
                    return new CommandOutcome(command.Id, command.Target, CommandStatus.AlreadyExists);
                pod.Metadata.Uid = $"pod-uid-{++_uidCounter}";
                pod.Metadata.CreationTimestamp = Now.UtcDateTime;
                PodBodies[pod.Metadata.Name] = pod;
                Pods[pod.Metadata.Name] = ObservedPod.From(pod);
                break;
            case CreateObject { Body: V1PersistentVolumeClaim claim }:
                if (Pvcs.ContainsKey(claim.Metadata.Name))
                    return new CommandOutcome(command.Id, command.Target, CommandStatus.AlreadyExists);
                claim.Metadata.Uid = $"pvc-uid-{++_uidCounter}";
                PvcBodies[claim.Metadata.Name] = claim;
                Pvcs[claim.Metadata.Name] = ObservedPvc.From(claim);
                break;
            case CreateObject { Body: V1ControllerRevision revision }:
                if (Revisions.ContainsKey(revision.Metadata.Name))
                    return new CommandOutcome(command.Id, command.Target, CommandStatus.AlreadyExists);
                revision.Metadata.CreationTimestamp = Now.UtcDateTime;
                Revisions[revision.Metadata.Name] = ObservedRevision.From(ObjectCopy.Clone(revision));
                break;
            case PatchObject patch when patch.Target.Kind == "ControllerRevision":
                var number = long.Parse(patch.Patch.Split(':')[1].TrimEnd('}'), CultureInfo.InvariantCulture);
                Revisions[patch.Target.Name] = Revisions[patch.Target.Name] with { Revision = number };
                break;
            case PatchObject patch when patch.Target.Kind == "Pod":
                if (!Pods.TryGetValue(patch.Target.Name, out var patched))
                    return new CommandOutcome(command.Id, command.Target, CommandStatus.NotFound);
                Pods[patch.Target.Name] = PodPatches.Apply(patched, patch.Patch);
                break;
            case DeleteObject delete when delete.Target.Kind == "Pod":
                status = Pods.TryGetValue(delete.Target.Name, out var existing) && (delete.Uid is null || existing.Uid == delete.Uid)
                    ? Remove(Pods, delete.Target.Name)
                    : CommandStatus.NotFound;
                break;
            case DeleteObject delete when delete.Target.Kind == "PersistentVolumeClaim":
                status = Pvcs.ContainsKey(delete.Target.Name) ? Remove(Pvcs, delete.Target.Name) : CommandStatus.NotFound;
                break;
            case DeleteObject delete when delete.Target.Kind == "ControllerRevision":
                status = Revisions.ContainsKey(delete.Target.Name) ? Remove(Revisions, delete.Target.Name) : CommandStatus.NotFound;
                break;
            case ReplaceStatus { Body: CloneSet body }:
                if (body.Metadata.ResourceVersion != CloneSet.Metadata.ResourceVersion)
                    return new CommandOutcome(command.Id, command.Target, CommandStatus.Conflict);
                var updated = ObjectCopy.Clone(CloneSet);
                updated.Status = ObjectCopy.Clone(body.Status!);
                updated.Metadata.ResourceVersion = NextResourceVersion(updated.Metadata.ResourceVersion);
                CloneSet = updated;
                break;
            case RecordEvent recorded:
                KubeEvents.Add(recorded);
                break;
            default:
                throw new InvalidOperationException($"unexpected command {command}");
        }
        return new CommandOutcome(command.Id, command.Target, status);
    }

    private static CommandStatus Remove<T>(Dictionary<string, T> objects, string name)
    {
        objects.Remove(name);
        return CommandStatus.Done;
    }

    private static string NextResourceVersion(string? version) =>
        (long.Parse(version ?? "0", CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
}
