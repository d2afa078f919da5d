using k8s.Models;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.Pods;

namespace Kruise.Actors.Planning.CloneSets;

public static partial class CloneSetDecider
{
    private static void ClearSatisfiedIntents(DecisionBuilder decision, CloneSetView view)
    {
        foreach (var intent in decision.State.Intents.Values.ToList())
        {
            var done = intent.Kind switch
            {
                // Any pod of that name counts, even one already finished or terminating: it was created.
                IntentKind.CreatePod => view.PodsByName.ContainsKey(intent.Name),
                // A delete is done once the pod is terminating or gone (or replaced by another incarnation).
                IntentKind.DeletePod => !(view.PodsByName.TryGetValue(intent.Name, out var pod) && !pod.Deleting && (intent.Uid is null or "" || pod.Uid == intent.Uid)),
                IntentKind.PreparePodDelete => PreDeleteDone(view, intent),
                IntentKind.DeletePvc => !view.Pvcs.Any(p => p.Name == intent.Name && (intent.Uid is null or "" || p.Uid == intent.Uid)),
                IntentKind.CreateRevision => view.Revisions.Any(r => r.Name == intent.Name && r.Revision >= (intent.RevisionNumber ?? 0)),
                IntentKind.DeleteRevision => view.Revisions.All(r => r.Name != intent.Name),
                IntentKind.UpdatePodInPlace => InPlaceUpdateDone(intent, view),
                _ => false,
            };
            if (done)
                decision.Emit(new IntentSatisfied(intent.Kind, intent.Name));
        }
    }

    // A timed-out intent is sent again under the same name; after too many sends it is given up
    // (the name may be held by an object this CloneSet cannot see) so the planner can choose anew.
    private static void ReissueIntents(DecisionBuilder decision, CloneSetView view, bool resume)
    {
        foreach (var intent in decision.State.Intents.Values.ToList())
        {
            if (!resume && view.Now < intent.IssuedAt + ResendAfter(intent, view))
                continue;
            if (intent.Kind == IntentKind.UpdatePodInPlace)
            {
                ReissueInPlaceUpdate(decision, view, intent, resume);
                continue;
            }
            var commands = resume || intent.Attempts < view.Options.MaxIntentAttempts ? CommandsFor(intent, view, decision.State) : null;
            if (commands is null)
            {
                decision.Emit(new IntentExpired(intent.Kind, intent.Name));
                continue;
            }
            decision.Emit(new IntentReissued(intent.Kind, intent.Name, view.Now));
            decision.Send(commands);
        }
    }

    /// <summary>How long an intent waits for the watch to show it done before it is sent again.</summary>
    private static TimeSpan ResendAfter(Intent intent, CloneSetView view) =>
        intent.Kind == IntentKind.UpdatePodInPlace && !InPlaceAccepted(intent, view) && view.Options.InPlaceResendInterval < view.Options.IntentTimeout
            ? view.Options.InPlaceResendInterval
            : view.Options.IntentTimeout;

    /// <summary>The commands that carry out an intent now, or null when it can no longer be carried out.</summary>
    private static List<KubeCommand>? CommandsFor(Intent intent, CloneSetView view, CloneSetState state)
    {
        switch (intent.Kind)
        {
            case IntentKind.CreatePod:
                var revision = intent.Revision ?? view.Active.UpdateRevisionName;
                var instanceId = intent.InstanceId ?? InstanceIds.FromPodName(view.Name, intent.Name);
                return view.TemplateOf(revision) is { } template && instanceId is not null
                    ? PodCreateCommands(view, template, revision, instanceId, RequestedIpOf(state, intent.Name))
                    : null;
            case IntentKind.DeletePod:
                return PodDeleteCommands(view, intent.Name, intent.Uid, view.PodsByName.TryGetValue(intent.Name, out var pod)
                    ? view.InstanceIdOf(pod)
                    : InstanceIds.FromPodName(view.Name, intent.Name));
            case IntentKind.PreparePodDelete:
                return PreDeleteCommands(view, intent);
            case IntentKind.DeletePvc:
                var claim = ObjectRef.PersistentVolumeClaim(view.Namespace, intent.Name);
                return [new DeleteObject(CommandIds.For(CommandIds.Delete, claim), claim, intent.Uid)];
            case IntentKind.CreateRevision:
                return RevisionCommand(view, intent.Name, intent.RevisionNumber ?? view.Active.UpdateRevisionNumber) is { } command ? [command] : null;
            case IntentKind.DeleteRevision:
                var target = ObjectRef.ControllerRevision(view.Namespace, intent.Name);
                return [new DeleteObject(CommandIds.For(CommandIds.Delete, target), target, null)];
            default:
                return null;
        }
    }

    /// <summary>The pod's missing PVCs first, then the pod (requesting <paramref name="requestedIp"/> from the CNI when given).</summary>
    private static List<KubeCommand> PodCreateCommands(CloneSetView view, V1PodTemplateSpec template, string revision, string instanceId, string? requestedIp)
    {
        var commands = new List<KubeCommand>();
        var existing = view.AllPvcs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var claim in CloneSetPods.Claims(view.CloneSet, instanceId))
        {
            if (existing.Contains(claim.Metadata.Name))
                continue;
            var claimRef = ObjectRef.PersistentVolumeClaim(view.Namespace, claim.Metadata.Name);
            commands.Add(new CreateObject(CommandIds.For(CommandIds.Create, claimRef), claimRef, claim));
        }
        var pod = CloneSetPods.Build(view.CloneSet, template, revision, instanceId);
        if (requestedIp is not null)
        {
            var format = view.Options.RetainIp.Format;
            pod.Metadata.Annotations ??= new Dictionary<string, string>();
            pod.Metadata.Annotations[format.Annotation] = format.Value(requestedIp);
        }
        var podRef = ObjectRef.Pod(view.Namespace, pod.Metadata.Name);
        commands.Add(new CreateObject(CommandIds.For(CommandIds.Create, podRef), podRef, pod));
        return commands;
    }

    /// <summary>The pod, then the PVCs of its instance id (OpenKruise removes them with the pod it scales away).</summary>
    private static List<KubeCommand> PodDeleteCommands(CloneSetView view, string podName, string? uid, string? instanceId)
    {
        var podRef = ObjectRef.Pod(view.Namespace, podName);
        var commands = new List<KubeCommand> { new DeleteObject(CommandIds.For(CommandIds.Delete, podRef), podRef, uid) };
        if (instanceId is null)
            return commands;
        foreach (var claim in view.Pvcs.Where(p => p.Label(Crds.Apps.CloneSet.InstanceIdLabel) == instanceId))
        {
            var claimRef = ObjectRef.PersistentVolumeClaim(view.Namespace, claim.Name);
            commands.Add(new DeleteObject(CommandIds.For(CommandIds.Delete, claimRef), claimRef, claim.Uid));
        }
        return commands;
    }

    private static void RequestPodDelete(DecisionBuilder decision, CloneSetView view, ObservedPod pod, string reason)
    {
        if (HoldForPreDelete(decision, view, pod, reason))
            return;
        decision.Emit(new PodDeleteRequested(pod.Name, pod.Uid, reason, view.Now));
        decision.Send(PodDeleteCommands(view, pod.Name, pod.Uid, view.InstanceIdOf(pod)));
    }
}
