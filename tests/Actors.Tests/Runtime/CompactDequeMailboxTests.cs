using Akka.Actor;
using Kruise.Actors.Entities.Runtime;

namespace Kruise.Actors.Tests.Runtime;

public sealed class CompactDequeMailboxTests
{
    private static Envelope Message(string text) => new(text, ActorRefs.NoSender);

    private static List<object> Drain(CompactDequeMessages queue)
    {
        var messages = new List<object>();
        while (queue.TryDequeue(out var envelope))
            messages.Add(envelope.Message);
        return messages;
    }

    [Fact]
    public void Messages_come_out_in_the_order_they_were_sent()
    {
        var queue = new CompactDequeMessages();
        Assert.False(queue.HasMessages);
        foreach (var text in new[] { "a", "b", "c" })
            queue.Enqueue(ActorRefs.Nobody, Message(text));

        Assert.True(queue.HasMessages);
        Assert.Equal(3, queue.Count);
        Assert.Equal(["a", "b", "c"], Drain(queue));
        Assert.False(queue.HasMessages);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Unstashed_messages_come_before_queued_ones_in_their_stashed_order()
    {
        var queue = new CompactDequeMessages();
        queue.Enqueue(ActorRefs.Nobody, Message("new"));
        // A stash is given back last message first, so that they come out as they were stashed.
        queue.EnqueueFirst(Message("stashed-2"));
        queue.EnqueueFirst(Message("stashed-1"));
        queue.Enqueue(ActorRefs.Nobody, Message("newer"));

        Assert.Equal(4, queue.Count);
        Assert.Equal(["stashed-1", "stashed-2", "new", "newer"], Drain(queue));
    }

    [Fact]
    public void A_queue_that_grew_in_a_burst_still_works_once_it_is_drained()
    {
        var queue = new CompactDequeMessages();
        var burst = Enumerable.Range(0, 1000).Select(i => $"m{i}").ToList();
        foreach (var text in burst)
            queue.Enqueue(ActorRefs.Nobody, Message(text));
        Assert.Equal(burst, Drain(queue));

        queue.Enqueue(ActorRefs.Nobody, Message("after"));
        Assert.Equal(["after"], Drain(queue));
    }

    [Fact]
    public void Messages_left_when_the_actor_stops_go_to_dead_letters()
    {
        var queue = new CompactDequeMessages();
        var deadLetters = new CompactDequeMessages();
        queue.Enqueue(ActorRefs.Nobody, Message("a"));
        queue.EnqueueFirst(Message("b"));

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.False(queue.HasMessages);
        Assert.Equal(["b", "a"], Drain(deadLetters));
    }

    [Fact]
    public void Many_senders_at_once_lose_no_message()
    {
        var queue = new CompactDequeMessages();
        Parallel.For(0, 8, sender =>
        {
            for (var i = 0; i < 1000; i++)
                queue.Enqueue(ActorRefs.Nobody, Message($"{sender}:{i}"));
        });

        var received = Drain(queue).Cast<string>().ToList();
        Assert.Equal(8000, received.Distinct().Count());
        // Each sender's messages keep their order.
        Assert.All(received.GroupBy(m => m.Split(':')[0]), g => Assert.Equal(g.Select(m => int.Parse(m.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Order(), g.Select(m => int.Parse(m.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))));
    }
}
