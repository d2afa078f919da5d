using System.Collections.Immutable;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>
/// The pod entity's pure decisions for one in-place update, OpenKruise's steps one by one, each
/// entered by persisting its event before its write: (a) InPlaceUpdateReady=False; (b) the grace
/// period; (c) one pod patch (images, labels/annotations, revision label, state annotation);
/// (d) once the kubelet runs the new containers, InPlaceUpdateReady=True. Steps advance on the
/// outcome of their write or on what the pod shows, so a restarted entity that finds a step's write
/// already made moves on without making it again. The pod arguments are the observed pod, null
/// when it does not exist; the entity passes them as settled only once every observation is synced.
/// </summary>
public static class PodInPlaceDecider
{
    /// <summary>How long after a write gave up (the gateway's retries exhausted) it is sent again.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(5);

    /// <summary>A request from a workload. <paramref name="synced"/>: <paramref name="pod"/> is the settled view.</summary>
    public static PodInPlaceDecision OnRequest(PodInPlaceState state, UpdatePodInPlace request, InPlacePod? pod, bool synced, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        if (IsRepeat(state, request))
            return PodInPlaceDecision.None;
        // Not the pod we see (recreated, or gone): the sender will observe that and choose again.
        if (synced && (pod is null || pod.Uid != request.PodUid || pod.Deleting))
            return PodInPlaceDecision.None;
        var accepted = new InPlaceUpdateRequested(request, now);
        if (!synced)
            return new PodInPlaceDecision([accepted], [], null, false);
        return Chain([accepted], state, pod, now, resume: false);
    }

    /// <summary>
    /// The pod changed, a wake-up came, or (<paramref name="resume"/>) the world was just synced after a
    /// (re)start: carry the current step forward, re-sending its write unless the pod shows it made.
    /// </summary>
    public static PodInPlaceDecision OnObserved(PodInPlaceState state, InPlacePod? pod, DateTimeOffset now, bool resume)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Chain([], state, pod, now, resume);
    }

    /// <summary>The gateway answered one of this entity's writes.</summary>
    public static PodInPlaceDecision OnOutcome(PodInPlaceState state, CommandOutcome outcome, InPlacePod? pod, bool synced, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        if (state.Current is not { } current || StepOf(outcome.Id, current.Revision) is not { } step || step != current.Step)
            return PodInPlaceDecision.None;
        switch (outcome.Status)
        {
            case CommandStatus.Done or CommandStatus.AlreadyExists:
                PodInPlaceEvent? next = step switch
                {
                    InPlaceStep.Requested => new InPlaceNotReadyMarked(current.Revision, now, now.AddSeconds(Math.Max(0, current.Request.GracePeriodSeconds))),
                    InPlaceStep.ReadyRequested => new InPlaceUpdateCompleted(current.Revision),
                    // Recorded so a stale observation of the pod before the patch does not send it again.
                    InPlaceStep.Patched when !current.PatchApplied => new InPlacePatchApplied(current.Revision),
                    _ => null,
                };
                return next is null ? PodInPlaceDecision.None : Continue([next], state, pod, synced, now);
            case CommandStatus.Failed:
                return new PodInPlaceDecision([], [], now + FailureBackoff, false);
            case CommandStatus.NotFound:
                return Continue([new InPlaceUpdateAbandoned(current.Revision, "pod not found")], state, pod, synced, now);
            default:
                var reason = $"{Describe(step)} refused: {outcome.Status} {outcome.Message}".TrimEnd();
                return new PodInPlaceDecision([new InPlaceUpdateAbandoned(current.Revision, reason)],
                    [PodInPlaceCommands.Failed(current.Request, Describe(step), $"{outcome.Status} {outcome.Message}".TrimEnd())], null, false);
        }
    }

    private static PodInPlaceDecision Continue(PodInPlaceEvent[] events, PodInPlaceState state, InPlacePod? pod, bool synced, DateTimeOffset now) =>
        synced ? Chain(events, state, pod, now, resume: false) : new PodInPlaceDecision(events, [], null, false);

    private static bool IsRepeat(PodInPlaceState state, UpdatePodInPlace request) =>
        (state.Current is { } current && current.Request.PodUid == request.PodUid && current.Revision == request.Spec.Revision)
        || (state.FinishedUid == request.PodUid && state.FinishedRevision == request.Spec.Revision);

    // Folds the events decided so far and keeps stepping until a step waits for the world.
    private static PodInPlaceDecision Chain(PodInPlaceEvent[] first, PodInPlaceState state, InPlacePod? pod, DateTimeOffset now, bool resume)
    {
        var events = new List<PodInPlaceEvent>(first);
        var current = state.EvolveAll(first);
        while (true)
        {
            var (next, commands, wakeAt) = Step(current, pod, now);
            if (next is null)
            {
                var passivate = current.Current is null && pod is null;
                return new PodInPlaceDecision(events, commands, wakeAt, passivate);
            }
            events.Add(next);
            current = current.Evolve(next);
        }
    }

    // One step: either an event that moves the update on (no write), or the writes it waits for.
    private static (PodInPlaceEvent? Next, IReadOnlyList<KubeCommand> Commands, DateTimeOffset? WakeAt) Step(PodInPlaceState state, InPlacePod? pod, DateTimeOffset now)
    {
        if (state.Current is not { } current)
            return (null, [], null);
        var request = current.Request;
        if (pod is null || pod.Deleting)
            return (new InPlaceUpdateAbandoned(current.Revision, "pod deleted"), [], null);
        if (pod.Uid != request.PodUid)
            return (new InPlaceUpdateAbandoned(current.Revision, $"pod recreated (uid {pod.Uid})"), [], null);
        switch (current.Step)
        {
            case InPlaceStep.Requested:
                if (pod.ConditionStatus == "False" && pod.ConditionReason == PodInPlaceCommands.StartReason)
                    return (new InPlaceNotReadyMarked(current.Revision, now, now.AddSeconds(Math.Max(0, request.GracePeriodSeconds))), [], null);
                // A new pod's condition is first set True by the workload; marking it False before
                // that lands could be overwritten by it, so wait until the pod shows one.
                if (pod.HasGate && pod.ConditionStatus is null)
                    return (null, [], null);
                return (null, [PodInPlaceCommands.NotReady(request, current.RequestedAt)], null);
            case InPlaceStep.NotReady:
                if (current.GraceUntil is { } until && now < until)
                    return (null, [], until);
                return (new InPlacePatchRequested(current.Revision, now, LastStatuses(request.Spec, pod)), [], null);
            case InPlaceStep.Patched:
                if (!current.PatchApplied && !PatchShows(request.Spec, pod))
                    return (null, [PodInPlaceCommands.PodPatch(request, current.PatchedAt ?? now, current.LastContainers)], null);
                return Completed(current, pod) ? (new InPlaceReadyRequested(current.Revision, now), [], null) : (null, [], null);
            case InPlaceStep.ReadyRequested:
                if (pod.ConditionStatus == "True")
                    return (new InPlaceUpdateCompleted(current.Revision), [], null);
                return (null, [PodInPlaceCommands.Ready(request, current.ReadyAt ?? now)], null);
            default:
                return (null, [], null);
        }
    }

    /// <summary>The statuses completion is measured against: of every container the update touches.</summary>
    public static ImmutableSortedDictionary<string, LastContainerStatus> LastStatuses(InPlaceUpdateSpec spec, InPlacePod pod)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pod);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, LastContainerStatus>(StringComparer.Ordinal);
        foreach (var name in spec.ContainerImages.Keys.Union(spec.RestartContainers))
        {
            var container = pod.Container(name);
            builder[name] = new LastContainerStatus(container?.ImageId ?? "", container?.RestartCount ?? 0);
        }
        return builder.ToImmutable();
    }

    /// <summary>The pod carries the patch: the revision label and every new image in its spec.</summary>
    public static bool PatchShows(InPlaceUpdateSpec spec, InPlacePod pod)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Label(PodInPlaceCommands.RevisionLabel) == spec.Revision
            && spec.ContainerImages.All(p => pod.Container(p.Key)?.Image == p.Value);
    }

    /// <summary>
    /// Every updated container runs: its status reports the spec image under a digest other than the
    /// one before the patch (as OpenKruise checks imageIDs), and each restarted container has restarted.
    /// </summary>
    public static bool Completed(InPlaceUpdateProgress update, InPlacePod pod)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(pod);
        foreach (var (name, image) in update.Request.Spec.ContainerImages)
        {
            var container = pod.Container(name);
            var before = update.LastContainers.TryGetValue(name, out var last) ? last.ImageId : "";
            if (container?.ImageId is not { Length: > 0 } imageId || imageId == before || !ImageNames.Same(container.StatusImage, image))
                return false;
        }
        foreach (var name in update.Request.Spec.RestartContainers)
        {
            var before = update.LastContainers.TryGetValue(name, out var last) ? last.RestartCount : 0;
            if (pod.Container(name) is not { } container || container.RestartCount <= before)
                return false;
        }
        return true;
    }

    private static InPlaceStep? StepOf(string commandId, string revision) =>
        commandId == PodInPlaceCommands.NotReadyId(revision) ? InPlaceStep.Requested
        : commandId == PodInPlaceCommands.PatchId(revision) ? InPlaceStep.Patched
        : commandId == PodInPlaceCommands.ReadyId(revision) ? InPlaceStep.ReadyRequested
        : null;

    private static string Describe(InPlaceStep step) => step switch
    {
        InPlaceStep.Requested => "set InPlaceUpdateReady=False",
        InPlaceStep.Patched => "patch pod",
        _ => "set InPlaceUpdateReady=True",
    };
}
