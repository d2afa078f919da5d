using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace Kruise.Actors.Entities.Runtime;

/// <summary>
/// The mailbox of actors that stash (every persistent entity): Akka's default for them keeps a
/// ConcurrentQueue whose first segment is 32 slots (~1 KiB) in every actor, 10 MiB at 10,000 Pod
/// entities that mostly hold no message at all. This one keeps a plain queue that grows from
/// nothing, behind a lock: an entity's mailbox is written by a few senders at a time and read by
/// its one actor, so the lock is rarely contended.
/// </summary>
public sealed class CompactDequeMailbox(Settings settings, Config config) : MailboxType(settings, config), IProducesMessageQueue<CompactDequeMessages>
{
    /// <summary>The HOCON setting that makes it the mailbox of every actor asking for a deque (stash).</summary>
    public static readonly string Hocon = $"akka.actor.mailbox.unbounded-deque-based.mailbox-type = \"{typeof(CompactDequeMailbox).FullName}, {typeof(CompactDequeMailbox).Assembly.GetName().Name}\"";

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactDequeMessages();
}

/// <summary>An unbounded queue with <see cref="EnqueueFirst"/> (unstash), all under one lock.</summary>
public sealed class CompactDequeMessages : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private readonly Queue<Envelope> _queue = new();

    // Unstashed messages go before everything queued; the last one put first comes out first.
    private Stack<Envelope>? _first;

    public bool HasMessages
    {
        get
        {
            lock (_queue)
                return _queue.Count > 0 || _first?.Count > 0;
        }
    }

    public int Count
    {
        get
        {
            lock (_queue)
                return _queue.Count + (_first?.Count ?? 0);
        }
    }

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (_queue)
            _queue.Enqueue(envelope);
    }

    public void EnqueueFirst(Envelope envelope)
    {
        lock (_queue)
            (_first ??= new Stack<Envelope>()).Push(envelope);
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (_queue)
        {
            if (_first is { Count: > 0 } first)
            {
                envelope = first.Pop();
                if (first.Count == 0)
                    _first = null;
                return true;
            }
            if (_queue.Count == 0)
            {
                // A burst (a resync, a rollout) may have grown it; an idle entity gives that back.
                if (_queue.EnsureCapacity(0) > 16)
                    _queue.TrimExcess();
                envelope = default;
                return false;
            }
            envelope = _queue.Dequeue();
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        ArgumentNullException.ThrowIfNull(deadletters);
        while (TryDequeue(out var envelope))
            deadletters.Enqueue(owner, envelope);
    }
}
