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
    /// The decision, waking in time for the earliest pending intent to time out
    /// (<paramref name="resendAfter"/> says when each is due). Without it (an answer to a command
    /// outcome, which adds no intent) the intents are not walked: the wake-up the last full
    /// decision asked for still covers every pending one, and a CloneSet creating thousands of pods
    /// answers thousands of outcomes.
    /// </summary>
    public CloneSetDecision Build(DateTimeOffset now, Func<Intent, TimeSpan>? resendAfter = null)
    {
        if (resendAfter is not null)
        {
            foreach (var intent in State.Intents.Values)
            {
                var due = intent.IssuedAt + resendAfter(intent);
                // An overdue intent that was not re-sent waits for the next observation, not a hot loop.
                if (due > now)
                    WakeBy(due);
            }
        }
        return new CloneSetDecision(_events.ToList(), _commands.ToList(), _wakeAt, Diff) { PodUpdates = _podUpdates.ToList() };
    }
}
