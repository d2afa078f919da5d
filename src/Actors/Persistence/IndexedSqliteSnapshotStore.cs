using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Snapshot;

namespace Kruise.Actors.Persistence;

/// <summary>
/// Akka's SQL snapshot store on a SQLite file that one replica owns, answering "no snapshot" at once
/// for ids that had none when a <see cref="RecoveryIndex"/> was read and have saved none since (most
/// entities never reach their first snapshot). Any other load asks the database, as before.
/// </summary>
public sealed class IndexedSqliteSnapshotStore : SqlSnapshotStore
{
    private readonly RecoveryIndex _index;

    public IndexedSqliteSnapshotStore(Config snapshotConfig)
        : base(snapshotConfig)
    {
        var config = new SnapshotConfig(snapshotConfig.WithFallback(SqlPersistence.DefaultSnapshotConfiguration));
        var table = config.TableConfig.SnapshotTable;
        _index = SqliteRecoveryIndexes.For(config.ConnectionString, config.TableConfig.SchemaName, table.Name,
            table.ColumnNames.PersistenceId, table.ColumnNames.SequenceNumber);
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        if (await _index.CertainlyEmpty(persistenceId, cancellationToken).ConfigureAwait(false))
            return null;
        return await base.LoadAsync(persistenceId, criteria, cancellationToken).ConfigureAwait(false);
    }

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        _index.Touched(metadata.PersistenceId);
        return base.SaveAsync(metadata, snapshot, cancellationToken);
    }
}
