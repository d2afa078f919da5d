using Kruise.Actors.Crds.Apps;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.Crds.Validation;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.Revisions;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>
/// The CloneSet entity's decisions, pure: (state, observation, now) -> events + commands.
/// One pass clears intents the watch shows done, re-sends timed-out ones, makes sure the update
/// revision exists, then scales (create batches, specified deletes, scale-down) or, when scaling
/// did nothing, moves the next pods to the update revision (in place or by recreating them),
/// cleans PVCs and revision history, and writes status when it changed.
/// </summary>
public static partial class CloneSetDecider
{
    /// <summary>Decide on the latest observation.</summary>
    public static CloneSetDecision Decide(CloneSetState state, CloneSetObservation observation, DateTimeOffset now, CloneSetPlannerOptions? options = null) =>
        Run(state, observation, now, options ?? CloneSetPlannerOptions.Default, resume: false);

    /// <summary>
    /// The first decision after recovery (once the observation is synced): like <see cref="Decide"/>,
    /// but every pending intent is sent again at once, since the previous incarnation may have
    /// persisted it and stopped before sending. Names are the same, so nothing is done twice.
    /// </summary>
    public static CloneSetDecision Resume(CloneSetState state, CloneSetObservation observation, DateTimeOffset now, CloneSetPlannerOptions? options = null) =>
        Run(state, observation, now, options ?? CloneSetPlannerOptions.Default, resume: true);

    private static CloneSetDecision Run(CloneSetState state, CloneSetObservation observation, DateTimeOffset now, CloneSetPlannerOptions options, bool resume)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(options);
        if (observation.CloneSet is not { } original || !observation.Synced || string.IsNullOrEmpty(original.Metadata?.Uid))
            return CloneSetDecision.None;

        var decision = new DecisionBuilder(state);
        var view = CloneSetView.Create(original, observation, now, options);
        if (state.Uid != view.Uid || state.Name != view.Name || state.Namespace != view.Namespace)
            decision.Emit(new CloneSetObserved(view.Uid, view.Namespace, view.Name));
        ClearSatisfiedIntents(decision, view);

        var errors = CloneSetValidation.Validate(view.CloneSet);
        if (errors.Count > 0)
        {
            RejectSpec(decision, view, errors);
            return decision.Build(now, i => ResendAfter(i, view));
        }

        view.ResolveRevisions(decision.State.CollisionCount);
        if (view.Active.CollisionCount > decision.State.CollisionCount)
            decision.Emit(new RevisionCollisionDetected(view.Active.CollisionCount));
        ReissueIntents(decision, view, resume);
        if (!EnsureUpdateRevision(decision, view))
            return decision.Build(now, i => ResendAfter(i, view));

        if (original.Metadata.DeletionTimestamp is null)
        {
            CleanUpPvcs(decision, view);
            TrackIpSlots(decision, view);
            // As in OpenKruise's syncCloneSet, one pass never scales and updates at once (both read decision.Diff).
            if (!Scale(decision, view))
                Update(decision, view);
            MarkInPlaceUpdateReady(decision, view);
            AdvanceLifecycle(decision, view);
        }
        TruncateHistory(decision, view);
        WriteStatus(decision, view);
        ExposeIpSlots(decision, view);
        return decision.Build(now, i => ResendAfter(i, view));
    }

    // The webhook normally rejects such a spec; when one gets through (no webhook, or an older
    // object), report it once per generation and touch no pods.
    private static void RejectSpec(DecisionBuilder decision, CloneSetView view, IReadOnlyList<FieldError> errors)
    {
        var message = string.Join("; ", errors.Select(e => e.ToString()));
        var generation = view.Original.Metadata.Generation ?? 0;
        if (decision.State.RejectedGeneration != generation)
        {
            decision.Emit(new SpecRejected(generation, message));
            decision.Send(CloneSetKubeEvents.Warning(view.Ref, view.Uid, CloneSetKubeEvents.InvalidSpec, generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"spec is invalid: {message}"));
        }
        var status = view.Original.Status is { } observed ? ObjectCopy.Clone(observed) : new CloneSetStatus();
        status.ObservedGeneration = generation;
        status.Conditions = CloneSetConditions.Set(status.Conditions,
            CloneSetConditions.New(CloneSetConditions.FailedScale, "True", CloneSetConditions.InvalidSpec, message, view.Now));
        SendStatusIfChanged(decision, view, status);
    }

    private static bool EnsureUpdateRevision(DecisionBuilder decision, CloneSetView view)
    {
        var active = view.Active;
        if (active.Action == RevisionAction.None)
            return true;
        if (BackoffUntil(decision.State, view.Options) is { } until && until > view.Now)
        {
            decision.WakeBy(until);
            return active.Action == RevisionAction.Renumber;
        }
        if (decision.State.FindIntent(IntentKind.CreateRevision, active.UpdateRevisionName) is null)
        {
            decision.Emit(new RevisionCreateRequested(active.UpdateRevisionName, active.UpdateRevisionNumber, view.Now));
            decision.Send(RevisionCommand(view, active.UpdateRevisionName, active.UpdateRevisionNumber)!);
        }
        // A renumbered (rolled-back) revision already exists and pods may use it; a new one must be seen first.
        return active.Action == RevisionAction.Renumber;
    }

    private static KubeCommand? RevisionCommand(CloneSetView view, string name, long number)
    {
        var target = ObjectRef.ControllerRevision(view.Namespace, name);
        if (view.Revisions.Any(r => r.Name == name))
            return new PatchObject(CommandIds.For(CommandIds.Patch, target), target, PatchKind.Merge, $"{{\"revision\":{number}}}");
        if (name != view.Active.UpdateRevisionName || view.Active.Action != RevisionAction.Create)
            return null;
        var body = ControllerRevisionFactory.Build(CloneSetPods.Owner(view.CloneSet), view.Desired!, view.Active.UpdateHash, number,
            view.Spec.Template?.Metadata?.Labels, view.CloneSet.Metadata.Annotations);
        return new CreateObject(CommandIds.For(CommandIds.Create, target), target, body);
    }

    private static void TruncateHistory(DecisionBuilder decision, CloneSetView view)
    {
        var live = new HashSet<string>(StringComparer.Ordinal) { view.Active.CurrentRevisionName, view.Active.UpdateRevisionName };
        foreach (var pod in view.ActivePods)
        {
            if (pod.Label(ControllerRevisionFactory.PodRevisionLabel) is { } revision)
                live.Add(revision);
        }
        foreach (var intent in decision.State.IntentsOf(IntentKind.CreatePod))
            live.Add(intent.Revision ?? "");
        var candidates = view.Revisions.Where(r => decision.State.FindIntent(IntentKind.DeleteRevision, r.Name) is null).ToList();
        foreach (var name in RevisionHistory.ToDelete(candidates, view.Spec.RevisionHistoryLimit, live))
        {
            decision.Emit(new RevisionDeleteRequested(name, view.Now));
            var target = ObjectRef.ControllerRevision(view.Namespace, name);
            decision.Send(new DeleteObject(CommandIds.For(CommandIds.Delete, target), target, null));
        }
    }

    private static void WriteStatus(DecisionBuilder decision, CloneSetView view)
    {
        var status = CloneSetStatusCalculator.Compute(view.CloneSet, view.ActivePods, view.Active, decision.State.LastFailure, view.Now, decision.State.BlockedUpdate);
        SendStatusIfChanged(decision, view, status);
        decision.WakeBy(CloneSetStatusCalculator.ProgressDeadline(view.Spec, status));
        var minReadySeconds = view.Spec.MinReadySeconds ?? 0;
        foreach (var pod in view.ActivePods)
            decision.WakeBy(Pods.PodAvailability.AvailableAt(pod, minReadySeconds, view.Now));
    }

    private static void SendStatusIfChanged(DecisionBuilder decision, CloneSetView view, CloneSetStatus status)
    {
        if (!CloneSetStatusCalculator.Differs(view.Original.Status, status))
            return;
        var body = ObjectCopy.Clone(view.Original);
        body.Status = status;
        var replicas = CloneSetRules.Replicas(view.Spec);
        var interval = CloneSetStatusCalculator.OnlyCountsProgressed(view.Original.Status, status, replicas)
            ? view.Options.StatusCountsInterval(replicas)
            : TimeSpan.Zero;
        decision.Send(new ReplaceStatus($"{CommandIds.Status}:{view.Ref.Kind}:{view.Name}@{view.Original.Metadata.ResourceVersion}", view.Ref, body)
        {
            Pacing = new CommandPacing($"{CommandIds.Status}:{view.Ref.Kind}:{view.Name}", interval),
        });
    }
}
