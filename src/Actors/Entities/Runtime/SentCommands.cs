using Kruise.Actors.Kube;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// What one entity incarnation sent lately, so a decision repeated before anything changed does
/// not repeat its writes. Equal ids mean the same write: a command whose id is still in flight (no
/// outcome yet) is dropped; a <see cref="RecordEvent"/> whose id went out within the event window is
/// dropped too, since the gateway names the Event after the id and a resend could only be
/// AlreadyExists (e.g. ScaleUpLimited, decided again on every pod change while the limit holds).
/// Memory only: a new incarnation starts empty, so recovery re-sends everything it must.
/// </summary>
public sealed class SentCommands(TimeSpan eventWindow, TimeSpan inFlightLimit)
{
    public static readonly TimeSpan DefaultEventWindow = TimeSpan.FromMinutes(10);

    /// <summary>Longer than the gateway's retries of one write; an entry older than this is assumed lost.</summary>
    public static readonly TimeSpan DefaultInFlightLimit = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, DateTimeOffset> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _events = new(StringComparer.Ordinal);

    public SentCommands()
        : this(DefaultEventWindow, DefaultInFlightLimit)
    {
    }

    public int InFlight => _inFlight.Count;

    /// <summary>The commands to send now, in order; remembers them as sent.</summary>
    public IReadOnlyList<KubeCommand> Admit(IReadOnlyList<KubeCommand> commands, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
            return commands;
        Forget(_inFlight, now - inFlightLimit);
        Forget(_events, now - eventWindow);
        var admitted = new List<KubeCommand>(commands.Count);
        foreach (var command in commands)
        {
            var sent = command is RecordEvent ? _events : _inFlight;
            if (!sent.TryAdd(command.Id, now))
                continue;
            admitted.Add(command);
        }
        return admitted;
    }

    /// <summary>The gateway answered: the write is no longer in flight (an event that failed may be sent again).</summary>
    public void Completed(CommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _inFlight.Remove(outcome.Id);
        if (outcome.Status == CommandStatus.Failed)
            _events.Remove(outcome.Id);
    }

    private static void Forget(Dictionary<string, DateTimeOffset> sent, DateTimeOffset before)
    {
        if (sent.Count == 0)
            return;
        foreach (var (id, at) in sent.ToList())
        {
            if (at <= before)
                sent.Remove(id);
        }
    }
}
