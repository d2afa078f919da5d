using System.Threading.Channels;

namespace Kruise.Actors.LocalCluster.Storage;

/// <summary>
/// A channel's reader that counts what was taken from it, so the writer can tell how far its
/// reader is behind (a single-reader channel cannot count its items).
/// </summary>
internal sealed class CountingChannelReader<T>(ChannelReader<T> inner) : ChannelReader<T>
{
    private long _read;

    public long Read => Interlocked.Read(ref _read);

    public override Task Completion => inner.Completion;

    public override bool TryRead(out T item)
    {
        if (!inner.TryRead(out item!))
            return false;
        Interlocked.Increment(ref _read);
        return true;
    }

    public override bool TryPeek(out T item) => inner.TryPeek(out item!);

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        inner.WaitToReadAsync(cancellationToken);
}
