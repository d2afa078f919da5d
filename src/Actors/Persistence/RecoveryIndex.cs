using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Kruise.Actors.Persistence;

/// <summary>
/// What one table (journal or snapshots) held per persistence id when it was read in one query, plus
/// every id this process has written since it started; it answers a recovery's per-entity question
/// only where that answer cannot have changed. Its contract: this process is the table's only writer
/// (a SQLite journal: one replica owns the file), and <see cref="Touched"/> is called before any
/// write or delete for an id is handed to the database. An id touched at any time, before the read
/// or after, is never answered from the index again: the database is asked, as without it.
/// </summary>
public sealed class RecoveryIndex
{
    private readonly Func<CancellationToken, Task<IReadOnlyDictionary<string, long>>> _read;
    private readonly ConcurrentDictionary<string, byte> _touched = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task<FrozenDictionary<string, long>?>? _loading;
    private volatile FrozenDictionary<string, long>? _highest;

    /// <param name="read">The highest sequence number of every persistence id in the table (one query).</param>
    public RecoveryIndex(Func<CancellationToken, Task<IReadOnlyDictionary<string, long>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _read = read;
    }

    /// <summary>An id is about to be written or deleted: from now on only the database answers for it.</summary>
    public void Touched(string persistenceId) => _touched.TryAdd(persistenceId, 0);

    /// <summary>
    /// The journal's answer to "highest sequence number above <paramref name="from"/>" (the highest,
    /// or 0 when no event is above it), or null when the database must be asked.
    /// </summary>
    public async Task<long?> HighestAbove(string persistenceId, long from, CancellationToken cancel = default)
    {
        if (_touched.ContainsKey(persistenceId) || await Loaded(cancel).ConfigureAwait(false) is not { } highest)
            return null;
        // Touched while the table was read: its row may be newer than what was read.
        if (_touched.ContainsKey(persistenceId))
            return null;
        var max = highest.GetValueOrDefault(persistenceId);
        return max > from ? max : 0;
    }

    /// <summary>True when the table certainly holds no row for the id (a snapshot store need not look).</summary>
    public async Task<bool> CertainlyEmpty(string persistenceId, CancellationToken cancel = default) =>
        await HighestAbove(persistenceId, 0, cancel).ConfigureAwait(false) == 0;

    private Task<FrozenDictionary<string, long>?> Loaded(CancellationToken cancel)
    {
        if (_highest is { } done)
            return Task.FromResult<FrozenDictionary<string, long>?>(done);
        lock (_gate)
        {
            // Concurrent first recoveries share one read; a failed read is tried again by the next one.
            if (_loading is null || (_loading.IsCompleted && _loading.Result is null))
                _loading = Load(cancel);
            return _loading;
        }
    }

    private async Task<FrozenDictionary<string, long>?> Load(CancellationToken cancel)
    {
        try
        {
            var read = await _read(cancel).ConfigureAwait(false);
            return _highest = read.ToFrozenDictionary(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The caller asks the database itself, which fails or answers on its own.
            return null;
        }
    }
}
