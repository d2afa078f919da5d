using k8s;
using k8s.Models;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// What one entity incarnation sent lately, so a decision repeated before anything changed does
/// not repeat its writes. Equal ids mean the same write:
/// - a command whose id is still in flight (no outcome yet) is dropped;
/// - a write that is done, to an object the entity watches, is dropped too until the watch shows
///   that object at the resourceVersion the write produced or later (or for
///   <see cref="DefaultObserveLimit"/>): a decision that repeats it before then was made on the
///   object as it was before the write, as OpenKruise's resource-version expectations guard
///   against (e.g. the InPlaceUpdateReady condition patched again because the next pod event,
///   the kubelet's, was older than the patch);
/// - a <see cref="RecordEvent"/> whose id went out within the event window is dropped, since the
///   gateway names the Event after the id and a resend could only be AlreadyExists (e.g.
///   ScaleUpLimited, decided again on every pod change while the limit holds);
/// - a write with <see cref="KubeCommand.Pacing"/> is held while another of its pacing key went out
///   within the interval; <see cref="HeldUntil"/> says when the entity should decide again.
/// Memory only: a new incarnation starts empty, so recovery re-sends everything it must.
/// </summary>
public sealed class SentCommands(TimeSpan eventWindow, TimeSpan inFlightLimit, TimeSpan observeLimit)
{
    public static readonly TimeSpan DefaultEventWindow = TimeSpan.FromMinutes(10);

    /// <summary>Longer than the gateway's retries of one write; an entry older than this is assumed lost.</summary>
    public static readonly TimeSpan DefaultInFlightLimit = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long a done write waits for the watch to show its object changed. Shorter than a
    /// planner's own resend of an unanswered intent (CloneSet: 30 s), so that one is never held back.
    /// </summary>
    public static readonly TimeSpan DefaultObserveLimit = TimeSpan.FromSeconds(15);

    // Every entity has one and most send nothing for long stretches (a Pod entity between in-place
    // updates): each collection exists only while it holds something, and is dropped once empty.
    private Dictionary<string, Write>? _writes;
    private Dictionary<(string Kind, string Namespace, string Name), List<Write>>? _byTarget;
    private Queue<Write>? _writeOrder;
    private Dictionary<string, DateTimeOffset>? _events;
    private Queue<(string Id, DateTimeOffset At)>? _eventOrder;
    private Dictionary<string, DateTimeOffset>? _pacedSentAt;

    public SentCommands()
        : this(DefaultEventWindow, DefaultInFlightLimit, DefaultObserveLimit)
    {
    }

    /// <summary>Writes sent and not answered yet.</summary>
    public int InFlight => _writes?.Values.Count(w => w.DoneAt is null) ?? 0;

    /// <summary>Writes done and waiting for the watch to show their object changed.</summary>
    public int AwaitingObservation => _writes?.Values.Count(w => w.DoneAt is not null) ?? 0;

    /// <summary>Nothing is remembered: no write held, no event within its window.</summary>
    public bool IsEmpty => _writes is null && _writeOrder is null && _events is null && _eventOrder is null && _byTarget is null && _pacedSentAt is null;

    /// <summary>After <see cref="Admit"/>: the earliest time a paced write it held back may go; null when it held none.</summary>
    public DateTimeOffset? HeldUntil { get; private set; }

    /// <summary>
    /// The commands to send now, in order; remembers them as sent. <paramref name="world"/> is what
    /// the entity observes: a write to an object of a kind it watches is held after it is done
    /// until the watch shows that object as written.
    /// </summary>
    public IReadOnlyList<KubeCommand> Admit(IReadOnlyList<KubeCommand> commands, DateTimeOffset now, ObservedWorld? world = null)
    {
        ArgumentNullException.ThrowIfNull(commands);
        HeldUntil = null;
        if (commands.Count == 0)
            return commands;
        ForgetOld(now);
        var admitted = new List<KubeCommand>(commands.Count);
        foreach (var command in commands)
        {
            if (command is RecordEvent)
            {
                if (!(_events ??= new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal)).TryAdd(command.Id, now))
                    continue;
                (_eventOrder ??= new Queue<(string, DateTimeOffset)>()).Enqueue((command.Id, now));
            }
            else
            {
                Write? held = null;
                if (_writes?.TryGetValue(command.Id, out held) == true && !(held!.DoneAt is { } done && done + observeLimit <= now))
                    continue;
                if (!Paced(command, now))
                    continue;
                if (held is not null)
                    Remove(held);
                Remember(command, now, world);
            }
            admitted.Add(command);
        }
        return admitted;
    }

    /// <summary>The gateway answered: the write is no longer in flight (an event that failed may be sent again).</summary>
    public void Completed(CommandOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        // Admit forgets these too before it looks; forgetting them here as well lets an entity
        // that sends nothing more give their memory back.
        ForgetOld(now);
        if (outcome.Status == CommandStatus.Failed && _events is { } events)
        {
            events.Remove(outcome.Id);
            if (events.Count == 0)
                NoEventsLeft();
        }
        if (_writes is null || !_writes.TryGetValue(outcome.Id, out var write))
            return;
        write.WrittenVersion = outcome.ResourceVersion;
        if (outcome.Succeeded && write.Watched && !write.Shows(write.LatestObserved))
            write.DoneAt = now;
        else
            Remove(write);
    }

    /// <summary>The watch delivered an object: done writes to it that it shows are no longer held.</summary>
    public void Observed(object input)
    {
        var (kind, obj, deleted) = input switch
        {
            ObjectObserved o => (o.Kind, o.Object, false),
            ObjectDeleted d => (d.Kind, d.Object, true),
            _ => default((string, IKubernetesObject<V1ObjectMeta>?, bool)),
        };
        if (obj is null || _byTarget is null || !_byTarget.TryGetValue(Key(kind, obj.Metadata?.NamespaceProperty, obj.Metadata?.Name), out var writes))
            return;
        var version = deleted ? Deleted : obj.Metadata?.ResourceVersion;
        foreach (var write in writes.ToList())
        {
            if (write.DoneAt is null)
                write.LatestObserved = version;
            else if (write.Shows(version))
                Remove(write);
        }
    }

    // Whether a paced write may go now (and if so, the interval restarts); an unpaced one always may.
    private bool Paced(KubeCommand command, DateTimeOffset now)
    {
        if (command.Pacing is not { } pacing)
            return true;
        if (pacing.Interval > TimeSpan.Zero && _pacedSentAt is not null && _pacedSentAt.TryGetValue(pacing.Key, out var last) && now < last + pacing.Interval)
        {
            var due = last + pacing.Interval;
            HeldUntil = HeldUntil is { } earlier && earlier < due ? earlier : due;
            return false;
        }
        (_pacedSentAt ??= new(StringComparer.Ordinal))[pacing.Key] = now;
        return true;
    }

    private void Remember(KubeCommand command, DateTimeOffset now, ObservedWorld? world)
    {
        var target = command.Target;
        var watched = world is not null && world.Observes(target.Kind);
        var current = watched ? world!.Get<IKubernetesObject<V1ObjectMeta>>(target.Kind, target.Namespace, target.Name) : null;
        var write = new Write(command.Id, Key(target.Kind, target.Namespace, target.Name), now, watched, current?.Metadata?.ResourceVersion);
        (_writes ??= new Dictionary<string, Write>(StringComparer.Ordinal))[command.Id] = write;
        (_writeOrder ??= new Queue<Write>()).Enqueue(write);
        if (!watched)
            return;
        _byTarget ??= [];
        if (!_byTarget.TryGetValue(write.Target, out var writes))
            _byTarget[write.Target] = writes = [];
        writes.Add(write);
    }

    private void Remove(Write write)
    {
        if (_writes is { } all && all.TryGetValue(write.Id, out var current) && ReferenceEquals(current, write))
        {
            all.Remove(write.Id);
            if (all.Count == 0)
                NoWritesLeft();
        }
        if (write.Watched && _byTarget is { } byTarget && byTarget.TryGetValue(write.Target, out var writes))
        {
            writes.Remove(write);
            if (writes.Count == 0)
                byTarget.Remove(write.Target);
            if (byTarget.Count == 0)
                _byTarget = null;
        }
    }

    // Entries are queued in the order they were sent (the entity's clock does not go back), so
    // forgetting the old ones looks only at the front: a decision costs nothing per entry kept.
    private void ForgetOld(DateTimeOffset now)
    {
        while (_writeOrder is { } writeOrder && writeOrder.TryPeek(out var oldest) && oldest.SentAt <= now - inFlightLimit)
        {
            writeOrder.Dequeue();
            if (writeOrder.Count == 0)
                _writeOrder = null;
            Remove(oldest);
        }
        while (_eventOrder is { } eventOrder && eventOrder.TryPeek(out var e) && e.At <= now - eventWindow)
        {
            eventOrder.Dequeue();
            if (eventOrder.Count == 0)
                _eventOrder = null;
            if (_events is { } events && events.TryGetValue(e.Id, out var at) && at == e.At)
            {
                events.Remove(e.Id);
                if (events.Count == 0)
                    NoEventsLeft();
            }
        }
    }

    // What is still queued then was removed already (forgetting it would change nothing), so the
    // queue goes too rather than waiting out the in-flight limit or the event window.
    private void NoWritesLeft()
    {
        _writes = null;
        _writeOrder = null;
    }

    private void NoEventsLeft()
    {
        _events = null;
        _eventOrder = null;
    }

    private static (string, string, string) Key(string kind, string? ns, string? name) => (kind, ns ?? "", name ?? "");

    // Stands for "the watch saw the object deleted": a write to it has nothing left to wait for.
    private const string Deleted = "\0deleted";

    private sealed class Write(string id, (string Kind, string Namespace, string Name) target, DateTimeOffset sentAt, bool watched, string? sentAtVersion)
    {
        public string Id { get; } = id;
        public (string Kind, string Namespace, string Name) Target { get; } = target;
        public DateTimeOffset SentAt { get; } = sentAt;
        public bool Watched { get; } = watched;
        public string? SentAtVersion { get; } = sentAtVersion;
        public string? LatestObserved { get; set; }
        public string? WrittenVersion { get; set; }
        public DateTimeOffset? DoneAt { get; set; }

        /// <summary>
        /// Whether the object at <paramref name="version"/> (as the watch delivered it) includes this
        /// write: at least the version the write produced. Where that cannot be told (no version in
        /// the answer, or versions that are not integers), any change since the write was decided
        /// counts, which may send it once more but never holds back one that is needed.
        /// </summary>
        public bool Shows(string? version)
        {
            if (version is null)
                return false;
            if (ReferenceEquals(version, Deleted))
                return true;
            if (WrittenVersion is { } written && ResourceVersions.IsAtLeast(version, written) is { } known)
                return known;
            return !string.Equals(version, SentAtVersion, StringComparison.Ordinal);
        }
    }
}
