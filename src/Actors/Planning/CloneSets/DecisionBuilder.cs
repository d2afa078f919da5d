using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>Collects one decision; every event is folded at once, so later steps see the state it leads to.</summary>
internal sealed class DecisionBuilder(CloneSetState state)
{
    private readonly List<CloneSetEvent> _events = [];
    private readonly List<KubeCommand> _commands = [];
    private readonly List<UpdatePodInPlace> _podUpdates = [];
    private DateTimeOffset? _wakeAt;

    public CloneSetState State { get; private set; } = state;

    public CloneSetDiff? Diff { get; set; }

    public void Emit(CloneSetEvent e)
    {
        _events.Add(e);
        State = State.Evolve(e);
    }

    public void Send(KubeCommand command) => _commands.Add(command);

    public void Send(IEnumerable<KubeCommand> commands) => _commands.AddRange(commands);

    public void Send(UpdatePodInPlace podUpdate) => _podUpdates.Add(podUpdate);

    public void WakeBy(DateTimeOffset? at)
    {
        if (at is { } time && (_wakeAt is null || time < _wakeAt))
            _wakeAt = time;
    }

    /// <summary>
    /// The decision, waking in time for the earliest pending intent to time out. Without the view
    /// (<paramref name="resendAfter"/> null) an in-place update is assumed not yet accepted: waking
    /// early only costs a pass that finds nothing due.
    /// </summary>
    public CloneSetDecision Build(DateTimeOffset now, CloneSetPlannerOptions options, Func<Intent, TimeSpan>? resendAfter = null)
    {
        resendAfter ??= i => i.Kind == IntentKind.UpdatePodInPlace && options.InPlaceResendInterval < options.IntentTimeout
            ? options.InPlaceResendInterval
            : options.IntentTimeout;
        foreach (var intent in State.Intents.Values)
        {
            var due = intent.IssuedAt + resendAfter(intent);
            // An overdue intent that was not re-sent waits for the next observation, not a hot loop.
            if (due > now)
                WakeBy(due);
        }
        return new CloneSetDecision(_events.ToList(), _commands.ToList(), _wakeAt, Diff) { PodUpdates = _podUpdates.ToList() };
    }
}
