using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.CloneSets;

public static partial class CloneSetDecider
{
    /// <summary>
    /// What the gateway's answer to one of our commands changes: a refused create or delete drops
    /// its intent (the planner chooses again after a backoff) and is reported as a Warning event;
    /// a successful one is reported as OpenKruise does (SuccessfulCreate / SuccessfulDelete).
    /// AlreadyExists, NotFound and Conflict change nothing: the watch will show what happened.
    /// A create or delete that gave up without an answer (Failed: timeouts, 5xx) may still have
    /// happened, so its intent stays and is sent again under the same name when it times out;
    /// choosing a new name then would double the pod once the first create shows up.
    /// </summary>
    public static CloneSetDecision OnOutcome(CloneSetState state, CommandOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        var decision = new DecisionBuilder(state);
        if (CommandIds.Parse(outcome.Id) is not var (verb, kind, name) || state.Uid is null)
            return decision.Build(now);

        var cloneSet = ObjectRef.CloneSet(state.Namespace, state.Name);
        var message = outcome.Message ?? outcome.Status.ToString();
        var refused = outcome.Status is CommandStatus.Rejected or CommandStatus.Failed;
        switch (verb, kind)
        {
            case (CommandIds.Create, "Pod"):
                if (outcome.Status == CommandStatus.Done)
                    decision.Send(CloneSetKubeEvents.Normal(cloneSet, state.Uid, CloneSetKubeEvents.SuccessfulCreate, name, $"succeed to create pod {name}"));
                else if (outcome.Status is CommandStatus.Rejected or CommandStatus.NotFound)
                    Fail(decision, IntentKind.CreatePod, name, message, now, cloneSet, CloneSetKubeEvents.FailedCreate, $"failed to create pod {name}: {message}");
                else if (outcome.Status == CommandStatus.Failed)
                    Unanswered(decision, IntentKind.CreatePod, name, cloneSet, CloneSetKubeEvents.FailedCreate, $"no answer to creating pod {name} ({message}); it will be sent again under the same name");
                break;
            case (CommandIds.Delete, "Pod"):
                if (outcome.Status == CommandStatus.Done)
                    decision.Send(CloneSetKubeEvents.Normal(cloneSet, state.Uid, CloneSetKubeEvents.SuccessfulDelete, name, $"succeed to delete pod {name}"));
                else if (outcome.Status == CommandStatus.Rejected)
                    Fail(decision, IntentKind.DeletePod, name, message, now, cloneSet, CloneSetKubeEvents.FailedDelete, $"failed to delete pod {name}: {message}");
                else if (outcome.Status == CommandStatus.Failed)
                    Unanswered(decision, IntentKind.DeletePod, name, cloneSet, CloneSetKubeEvents.FailedDelete, $"no answer to deleting pod {name} ({message}); it will be sent again");
                break;
            case (CommandIds.PreDelete, "Pod") when refused:
                Fail(decision, IntentKind.PreparePodDelete, name, message, now, cloneSet, CloneSetKubeEvents.FailedDelete, $"failed to mark pod {name} PreparingDelete: {message}");
                break;
            case (CommandIds.Create, "PersistentVolumeClaim") when refused || outcome.Status == CommandStatus.NotFound:
                // The pod's intent re-sends missing claims when it times out.
                decision.Send(CloneSetKubeEvents.Warning(cloneSet, state.Uid, CloneSetKubeEvents.FailedCreate, name, $"failed to create pvc {name}: {message}"));
                break;
            case (CommandIds.Delete, "PersistentVolumeClaim") when refused:
                Fail(decision, IntentKind.DeletePvc, name, message, now, cloneSet, CloneSetKubeEvents.FailedDelete, $"failed to delete pvc {name}: {message}");
                break;
            case (CommandIds.Create or CommandIds.Patch, "ControllerRevision") when refused || outcome.Status == CommandStatus.NotFound:
                Fail(decision, IntentKind.CreateRevision, name, message, now, cloneSet, null, null);
                break;
            case (CommandIds.Delete, "ControllerRevision") when refused:
                Fail(decision, IntentKind.DeleteRevision, name, message, now, cloneSet, null, null);
                break;
        }
        return decision.Build(now);
    }

    // Reported, but the intent stays: it is re-sent as it is when it times out.
    private static void Unanswered(DecisionBuilder decision, IntentKind kind, string name, ObjectRef cloneSet, string reason, string eventMessage)
    {
        if (decision.State.FindIntent(kind, name) is not null)
            decision.Send(CloneSetKubeEvents.Warning(cloneSet, decision.State.Uid!, reason, name, eventMessage));
    }

    private static void Fail(DecisionBuilder decision, IntentKind kind, string name, string message, DateTimeOffset now, ObjectRef cloneSet, string? reason, string? eventMessage)
    {
        // An outcome for an intent already cleared (or given up) is old news.
        if (decision.State.FindIntent(kind, name) is null)
            return;
        decision.Emit(new IntentFailed(kind, name, message, now));
        if (reason is not null && eventMessage is not null)
            decision.Send(CloneSetKubeEvents.Warning(cloneSet, decision.State.Uid!, reason, name, eventMessage));
    }
}
