using Kruise.Actors.Kube;
using Kruise.Actors.Planning.CloneSets;

namespace Kruise.Actors.Tests.Planning.Fixtures;

/// <summary>
/// The journal-before-command rule, checked on every decision: each pod, PVC or revision
/// create/delete/patch a decision sends, and each in-place update it asks of a pod, is named by an
/// event of that same decision.
/// </summary>
public static class IntentCoverage
{
    public static void Check(CloneSetDecision decision, string cloneSetName = TestCloneSets.Name)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var podIds = new HashSet<string>(StringComparer.Ordinal);
        var inPlace = new HashSet<string>(StringComparer.Ordinal);
        void Pod(string name, string? id)
        {
            names.Add(name);
            if ((id ?? InstanceIds.FromPodName(cloneSetName, name)) is { } known)
                podIds.Add(known);
        }
        foreach (var e in decision.Events)
        {
            switch (e)
            {
                case PodCreateRequested x: Pod(x.Name, x.InstanceId); break;
                case PodDeleteRequested x: Pod(x.Name, null); break;
                case PodPreDeleteRequested x: names.Add(x.Name); break;
                case PvcDeleteRequested x: names.Add(x.Name); break;
                case RevisionCreateRequested x: names.Add(x.Name); break;
                case RevisionDeleteRequested x: names.Add(x.Name); break;
                case PodInPlaceUpdateRequested x: inPlace.Add($"{x.Name}@{x.Revision}"); break;
                case IntentReissued x when x.Kind is IntentKind.UpdatePodInPlace: inPlace.Add(x.Name); break;
                case IntentReissued x when x.Kind is IntentKind.CreatePod or IntentKind.DeletePod: Pod(x.Name, null); break;
                case IntentReissued x: names.Add(x.Name); break;
            }
        }
        foreach (var update in decision.PodUpdates)
        {
            if (!inPlace.Contains($"{update.Pod}@{update.Spec.Revision}") && !inPlace.Contains(update.Pod))
                throw new InvalidOperationException($"in-place update of {update.Pod} was sent without an event recording its intent");
        }
        // A pod status patch (the InPlaceUpdateReady condition) and a lifecycle state move are
        // re-derived from each observation, not intents; so is the retained-pod-ips annotation.
        foreach (var command in decision.Commands.Where(c => c is CreateObject or DeleteObject
            || (c is PatchObject { Subresource: null } && !c.Id.StartsWith($"{CommandIds.Lifecycle}:", StringComparison.Ordinal)
                && !c.Id.StartsWith($"{CommandIds.RetainedIps}:", StringComparison.Ordinal))))
        {
            var covered = names.Contains(command.Target.Name)
                || (command.Target.Kind == "PersistentVolumeClaim" && podIds.Any(id => command.Target.Name.EndsWith($"-{cloneSetName}-{id}", StringComparison.Ordinal)));
            if (!covered)
                throw new InvalidOperationException($"{command.Id} was sent without an event recording its intent");
        }
    }
}
