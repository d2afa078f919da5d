using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal;

namespace Kruise.Actors.Persistence;

/// <summary>
/// Akka's SQL journal on a SQLite file that one replica owns, answering "highest sequence number"
/// (asked by every entity's recovery, before its replay) from a <see cref="RecoveryIndex"/> read
/// once, for ids this process has not written since. A restart of thousands of remembered entities
/// then costs one grouped query instead of one query each; every replay still reads the events.
/// </summary>
public sealed class IndexedSqliteJournal : SqlWriteJournal
{
    private readonly RecoveryIndex? _index;

    public IndexedSqliteJournal(Config journalConfig)
        : base(journalConfig)
    {
        var config = new JournalConfig(journalConfig.WithFallback(SqlPersistence.DefaultJournalConfiguration));
        // In compatibility mode the highest number also comes from a metadata table the index does not read.
        if (config.DaoConfig.SqlCommonCompatibilityMode)
            return;
        var table = config.TableConfig.EventJournalTable;
        _index = SqliteRecoveryIndexes.For(config.ConnectionString, config.TableConfig.SchemaName, table.Name,
            table.ColumnNames.PersistenceId, table.ColumnNames.SequenceNumber);
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_index is not null && await _index.HighestAbove(persistenceId, fromSequenceNr, cancellationToken).ConfigureAwait(false) is { } known)
            return known;
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyCollection<AtomicWrite> ?? messages.ToList();
        foreach (var write in writes)
            _index?.Touched(write.PersistenceId);
        return base.WriteMessagesAsync(writes, cancellationToken);
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        _index?.Touched(persistenceId);
        return base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
    }
}
