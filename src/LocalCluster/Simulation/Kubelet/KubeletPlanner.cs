using System.Collections.Immutable;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// The kubelet's decisions for one pod, as a pure function of the pod, its node, the runtime's
/// record of it, the node's images and the time. It plays the pod's timeline forward to now:
/// sandbox, init containers one after another, then the app containers (pull or reuse the
/// image, create, start, become ready), exits of containers told to exit, restarts by restart
/// policy with crash-loop back-off, in-place restarts when a container's image changes, and the
/// stop of every container once the pod is being deleted. Each step happens at its own time
/// (an image pulled at t1 starts its container at t1 + start latency), so with zero latencies a
/// new pod goes from bound to Running and Ready in one plan, and so in one status write.
/// </summary>
public static class KubeletPlanner
{
    private const int MaxSteps = 10_000;

    // Restarts after the first wait at least this long, so a container that exits at once
    // cannot spin the planner whatever the configured back-off.
    private static readonly TimeSpan MinRestartBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether the pod needs a sandbox address before <see cref="Plan"/> can go on.</summary>
    public static bool NeedsNetwork(PodView pod, PodRuntime? record) =>
        !pod.Deleting && !pod.Terminal && record is not { Finished: true } && record?.PodIp is null;

    public static KubeletPlan Plan(KubeletInput input) => new Planning(input).Run();

    private sealed class Planning
    {
        private readonly KubeletInput _input;
        private readonly PodView _pod;
        private readonly KubeletTimings _timings;
        private readonly DateTimeOffset _now;
        private readonly Dictionary<string, ContainerRun> _runs;
        private readonly List<KubeletEvent> _events = [];
        private readonly Dictionary<string, DateTimeOffset> _pulls = new(StringComparer.Ordinal);
        private PodRuntime _record;
        private bool _barrier;

        public Planning(KubeletInput input)
        {
            _input = input;
            _pod = input.Pod;
            _timings = input.Timings;
            _now = input.Now;
            _record = input.Record ?? new PodRuntime { AdmittedAt = input.Now };
            _runs = new Dictionary<string, ContainerRun>(_record.Runs, StringComparer.Ordinal);
        }

        public KubeletPlan Run()
        {
            if (_pod.Deleting)
                return Terminate();
            if (_pod.Terminal)
                return Result(writeStatus: false, release: true, delete: false);
            if (_record.Finished)
                return Result(writeStatus: true, release: true, delete: false);
            if (_record.PodIp is null && !SetUpSandbox())
                return Result(writeStatus: true, release: false, delete: false);
            if (!_record.SandboxReady(_now))
                return Result(writeStatus: true, release: false, delete: false);
            Advance();
            if (!_barrier && AllContainersDone())
            {
                foreach (var sidecar in _pod.InitContainers.Where(c => c.Sidecar))
                {
                    if (Run(sidecar.Name) is { Phase: ContainerPhase.Running or ContainerPhase.Stopping } running)
                        _runs[sidecar.Name] = Exited(running, _now, 0);
                }
                _record = _record with { Finished = true };
                return Result(writeStatus: true, release: true, delete: false);
            }
            return Result(writeStatus: true, release: false, delete: false);
        }

        private bool SetUpSandbox()
        {
            if (_input.Network?.Address is { } address)
            {
                _record = _record with { PodIp = address, SandboxError = null, SandboxReadyAt = _now + _timings.PodSandbox };
                return true;
            }
            var why = _input.Network?.Refusal ?? "no address was assigned";
            _events.Add(new KubeletEvent(_now, KubeletEvent.Warning, KubeletMessages.FailedCreatePodSandBox, KubeletMessages.SandboxFailed(_pod, why)));
            _record = _record with { SandboxError = why };
            return false;
        }

        /// <summary>Apply every step due by now in time order, deciding what follows after each.</summary>
        private void Advance()
        {
            // The first containers begin when the sandbox was ready, not when this sync happens to run.
            if (_runs.Count == 0 && _record.SandboxReadyAt is { } sandboxReady && sandboxReady < _now)
                Decide(sandboxReady);
            for (var step = 0; step < MaxSteps; step++)
            {
                if (NextDueStep() is { } due)
                {
                    Transition(due.Name, due.At);
                    if (_barrier)
                        return;
                    Decide(due.At);
                    continue;
                }
                if (!Decide(_now))
                    return;
            }
        }

        private (string Name, DateTimeOffset At)? NextDueStep()
        {
            (string, DateTimeOffset)? earliest = null;
            foreach (var spec in AllSpecs())
            {
                if (Run(spec.Spec.Name) is { Until: { } until } && until <= _now && (earliest is null || until < earliest.Value.Item2))
                    earliest = (spec.Spec.Name, until);
            }
            return earliest;
        }

        private void Transition(string name, DateTimeOffset at)
        {
            var run = _runs[name];
            var (spec, init) = SpecOf(name);
            switch (run.Phase)
            {
                case ContainerPhase.Pulling:
                    var pulled = ImageReference.Parse(run.Image).Reference!;
                    _events.Add(Event(at, KubeletMessages.Pulled, KubeletMessages.PulledImage(run.Image, at - (run.PullStartedAt ?? at), pulled.SizeBytes), name, init));
                    _runs[name] = run with { Phase = ContainerPhase.Starting, Until = at + _timings.ContainerStart };
                    break;
                case ContainerPhase.Starting:
                    var image = ImageReference.Parse(run.Image).Reference!;
                    var attempt = run.Attempts + 1;
                    _events.Add(Event(at, KubeletMessages.Created, KubeletMessages.CreatedContainer(name), name, init));
                    _events.Add(Event(at, KubeletMessages.Started, KubeletMessages.StartedContainer(name), name, init));
                    _runs[name] = run with
                    {
                        Phase = ContainerPhase.Running,
                        Attempts = attempt,
                        ContainerId = KubeletMessages.ContainerId(_pod.Uid, name, attempt),
                        StatusImage = image.Normalized,
                        StatusImageId = image.ImageId,
                        StartedAt = at,
                        ReadyAt = at + _timings.Readiness,
                        Until = RunsUntil(spec, init, at),
                        PullStartedAt = null,
                    };
                    break;
                case ContainerPhase.Running:
                    _runs[name] = Exited(run, at, init && !spec.Sidecar ? 0 : _pod.RunLimit?.ExitCode ?? 0);
                    break;
                case ContainerPhase.Stopping:
                    _runs[name] = Exited(run, at, 0);
                    // The stopped container shows in a status of its own before its successor
                    // starts, as with a real kill, so observers see the container not ready.
                    _barrier = run.RestartAfterStop;
                    break;
                case ContainerPhase.BackOff:
                    Begin(spec, init, at);
                    break;
                default:
                    _runs[name] = run with { Until = null };
                    break;
            }
        }

        /// <summary>Start what may start at <paramref name="at"/>; true when anything changed.</summary>
        private bool Decide(DateTimeOffset at)
        {
            var changed = false;
            foreach (var spec in _pod.InitContainers)
            {
                if (spec.Sidecar)
                {
                    changed |= DecideLongRunning(spec, init: true, at);
                    // The next init container waits for the sidecar to have started.
                    if (Run(spec.Name) is not { Attempts: > 0 })
                        return changed;
                    continue;
                }
                var run = Run(spec.Name);
                if (run is { Phase: ContainerPhase.Exited } && run.Exits[0].ExitCode == 0)
                    continue;
                if (run is null || (run.Phase is ContainerPhase.Pulling or ContainerPhase.Starting or ContainerPhase.Blocked && run.Image != spec.Image))
                {
                    Begin(spec, init: true, at);
                    return true;
                }
                return changed;
            }
            foreach (var spec in _pod.Containers)
                changed |= DecideLongRunning(spec, init: false, at);
            return changed;
        }

        private bool DecideLongRunning(ContainerSpec spec, bool init, DateTimeOffset at)
        {
            var run = Run(spec.Name);
            if (run is null)
            {
                Begin(spec, init, at);
                return true;
            }
            var definitionChanged = run.Image != spec.Image || (spec.RestartOnMetadataEnv && run.MetadataEnv != spec.MetadataEnv);
            switch (run.Phase)
            {
                case ContainerPhase.Running when definitionChanged:
                    _events.Add(Event(at, KubeletMessages.Killing, KubeletMessages.DefinitionChanged(spec.Name), spec.Name, init));
                    _runs[spec.Name] = run with { Phase = ContainerPhase.Stopping, Until = at + StopTime(), RestartAfterStop = true };
                    return true;
                case ContainerPhase.Pulling or ContainerPhase.Starting or ContainerPhase.Blocked or ContainerPhase.BackOff when definitionChanged:
                    Begin(spec, init, at);
                    return true;
                case ContainerPhase.Exited when run.RestartAfterStop:
                    Begin(spec, init, at);
                    return true;
                case ContainerPhase.Exited when ShouldRestart(spec, run.Exits[0].ExitCode):
                    var delay = Backoff(run.Attempts);
                    if (delay == TimeSpan.Zero)
                    {
                        Begin(spec, init, at);
                        return true;
                    }
                    _events.Add(Event(at, KubeletMessages.BackOff, KubeletMessages.BackOffEvent(spec.Name, _pod), spec.Name, init, KubeletEvent.Warning));
                    _runs[spec.Name] = run with
                    {
                        Phase = ContainerPhase.BackOff,
                        Until = at + delay,
                        WaitingReason = "CrashLoopBackOff",
                        WaitingMessage = KubeletMessages.BackOffWaiting(spec.Name, delay, _pod),
                    };
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A new attempt of the container: reuse or pull its image, then create and start it.</summary>
        private void Begin(ContainerSpec spec, bool init, DateTimeOffset at)
        {
            var run = (Run(spec.Name) ?? new ContainerRun { Name = spec.Name, Image = spec.Image }) with
            {
                Image = spec.Image,
                MetadataEnv = spec.MetadataEnv,
                Until = null,
                PullStartedAt = null,
                ContainerId = null,
                StatusImage = null,
                StatusImageId = null,
                StartedAt = null,
                ReadyAt = null,
                WaitingReason = null,
                WaitingMessage = null,
                RestartAfterStop = false,
            };
            var (reference, error) = ImageReference.Parse(spec.Image);
            if (reference is null)
            {
                _events.Add(Event(at, KubeletMessages.InspectFailed, error!, spec.Name, init, KubeletEvent.Warning));
                _runs[spec.Name] = run with { Phase = ContainerPhase.Blocked, WaitingReason = "InvalidImageName", WaitingMessage = error };
                return;
            }
            var image = reference.Normalized;
            var availableAt = _pulls.TryGetValue(image, out var ours) ? ours : _input.ImageAvailableAt(image);
            var present = availableAt <= at;
            if (spec.PullPolicy == "Never" && !present)
            {
                var message = KubeletMessages.NeverPull(spec.Image);
                _events.Add(Event(at, KubeletMessages.ErrImageNeverPull, message, spec.Name, init, KubeletEvent.Warning));
                _runs[spec.Name] = run with { Phase = ContainerPhase.Blocked, WaitingReason = "ErrImageNeverPull", WaitingMessage = message };
                return;
            }
            if (present && spec.PullPolicy != "Always")
            {
                _events.Add(Event(at, KubeletMessages.Pulled, KubeletMessages.AlreadyPresent(spec.Image), spec.Name, init));
                _runs[spec.Name] = run with { Phase = ContainerPhase.Starting, Until = at + _timings.ContainerStart };
                return;
            }
            _events.Add(Event(at, KubeletMessages.Pulling, KubeletMessages.PullingImage(spec.Image), spec.Name, init));
            DateTimeOffset done;
            if (availableAt is { } underWay && underWay > at)
                done = underWay; // another pod's pull of the same image is under way: this one waits for it
            else if (present)
                done = at;
            else
            {
                done = at + _timings.ImagePull * (1 + reference.PullSpread);
                _pulls[image] = done;
            }
            _runs[spec.Name] = run with { Phase = ContainerPhase.Pulling, PullStartedAt = at, Until = done };
        }

        private KubeletPlan Terminate()
        {
            for (var step = 0; step < MaxSteps; step++)
            {
                var changed = false;
                foreach (var (spec, init) in AllSpecs())
                {
                    var run = Run(spec.Name);
                    switch (run)
                    {
                        case { Phase: ContainerPhase.Stopping, Until: { } stopped } when stopped <= _now:
                            _runs[spec.Name] = Exited(run, stopped, 0) with { RestartAfterStop = false };
                            changed = true;
                            break;
                        case { Phase: ContainerPhase.Running, Until: { } exited } when exited <= _now:
                            _runs[spec.Name] = Exited(run, exited, init && !spec.Sidecar ? 0 : _pod.RunLimit?.ExitCode ?? 0);
                            changed = true;
                            break;
                        case { Phase: ContainerPhase.Running }:
                            _events.Add(Event(_now, KubeletMessages.Killing, KubeletMessages.StoppingContainer(spec.Name), spec.Name, init));
                            _runs[spec.Name] = run with { Phase = ContainerPhase.Stopping, Until = _now + StopTime(), RestartAfterStop = false };
                            changed = true;
                            break;
                        case { Phase: not (ContainerPhase.Stopping or ContainerPhase.Exited), Until: not null }:
                            // Not started yet: nothing to stop, and it will not start now.
                            _runs[spec.Name] = run with { Until = null };
                            changed = true;
                            break;
                    }
                }
                if (!changed)
                    break;
            }
            if (_runs.Values.Any(r => r.Phase == ContainerPhase.Stopping))
                return Result(writeStatus: false, release: false, delete: false);
            var delete = !_record.DeleteRequested;
            _record = _record with { DeleteRequested = true };
            return Result(writeStatus: false, release: false, delete: delete);
        }

        private bool AllContainersDone() =>
            _pod.Containers.Count > 0 && _pod.Containers.All(c =>
                Run(c.Name) is { Phase: ContainerPhase.Exited, RestartAfterStop: false } run && !ShouldRestart(c, run.Exits[0].ExitCode));

        private bool ShouldRestart(ContainerSpec spec, int exitCode) =>
            spec.Sidecar || _pod.RestartPolicy switch
            {
                "Never" => false,
                "OnFailure" => exitCode != 0,
                _ => true,
            };

        // The first restart is immediate; later ones back off, doubling up to the maximum.
        private TimeSpan Backoff(int attempts)
        {
            if (attempts <= 1)
                return TimeSpan.Zero;
            var delay = _timings.RestartBackoff * Math.Pow(2, Math.Min(attempts - 2, 30));
            if (delay > _timings.MaxRestartBackoff)
                delay = _timings.MaxRestartBackoff;
            return delay < MinRestartBackoff ? MinRestartBackoff : delay;
        }

        private TimeSpan StopTime()
        {
            var grace = TimeSpan.FromSeconds(Math.Max(_pod.GracePeriodSeconds, 0));
            return grace < _timings.ContainerStop ? grace : _timings.ContainerStop;
        }

        private TimeSpan? RunsUntilOffset(ContainerSpec spec, bool init) =>
            init && !spec.Sidecar ? _timings.InitContainerRun
            : !init && _pod.RunLimit is { } limit ? limit.Duration
            : null;

        private DateTimeOffset? RunsUntil(ContainerSpec spec, bool init, DateTimeOffset startedAt) =>
            RunsUntilOffset(spec, init) is { } duration ? startedAt + duration : null;

        private static ContainerRun Exited(ContainerRun run, DateTimeOffset at, int exitCode)
        {
            var exit = new ContainerExit(
                exitCode,
                exitCode == 0 ? "Completed" : "Error",
                run.StartedAt ?? at,
                at,
                run.ContainerId ?? "",
                run.StatusImage ?? run.Image,
                run.StatusImageId ?? "");
            return run with
            {
                Phase = ContainerPhase.Exited,
                Until = null,
                ContainerId = null,
                StatusImage = null,
                StatusImageId = null,
                StartedAt = null,
                ReadyAt = null,
                Exits = [exit, .. run.Exits.Take(1)],
            };
        }

        private static KubeletEvent Event(DateTimeOffset at, string reason, string message, string container, bool init, string type = KubeletEvent.Normal) =>
            new(at, type, reason, message, init ? $"spec.initContainers{{{container}}}" : $"spec.containers{{{container}}}");

        private ContainerRun? Run(string name) => _runs.GetValueOrDefault(name);

        private IEnumerable<(ContainerSpec Spec, bool Init)> AllSpecs() =>
            _pod.InitContainers.Select(c => (c, true)).Concat(_pod.Containers.Select(c => (c, false)));

        private (ContainerSpec Spec, bool Init) SpecOf(string name) => AllSpecs().First(s => s.Spec.Name == name);

        private KubeletPlan Result(bool writeStatus, bool release, bool delete)
        {
            DateTimeOffset? next = null;
            if (_barrier)
                next = _now;
            else
            {
                if (!_pod.Deleting && _record.SandboxReadyAt is { } sandboxReady && sandboxReady > _now)
                    next = sandboxReady;
                foreach (var run in _runs.Values)
                {
                    if (run.Until is { } until && until > _now && (next is null || until < next))
                        next = until;
                    if (run.Phase == ContainerPhase.Running && run.ReadyAt is { } ready && ready > _now && (next is null || ready < next))
                        next = ready;
                }
            }
            var record = _record with { Runs = _runs.ToImmutableDictionary(StringComparer.Ordinal) };
            var pulls = _pulls.Select(p => new ImagePull(p.Key, p.Value)).ToList();
            return new KubeletPlan(record, _events, pulls, next, writeStatus, release, delete);
        }
    }
}
