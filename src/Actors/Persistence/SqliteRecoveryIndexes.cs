using Microsoft.Data.Sqlite;

namespace Kruise.Actors.Persistence;

/// <summary>The one query that fills a <see cref="RecoveryIndex"/> from a SQLite journal or snapshot table.</summary>
public static class SqliteRecoveryIndexes
{
    /// <summary>
    /// Reads the highest sequence number of every persistence id in a table. Deleted-marked journal
    /// rows count, as in the journal's own highest-sequence-number query. The (persistence id,
    /// sequence number) index of either table answers it without reading the rows.
    /// </summary>
    public static RecoveryIndex For(string connectionString, string? schema, string table, string persistenceIdColumn, string sequenceNrColumn)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var from = schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
        var sql = $"SELECT {Quote(persistenceIdColumn)}, MAX({Quote(sequenceNrColumn)}) FROM {from} GROUP BY {Quote(persistenceIdColumn)}";
        return new RecoveryIndex(cancel => Read(connectionString, sql, cancel));
    }

    private static async Task<IReadOnlyDictionary<string, long>> Read(string connectionString, string sql, CancellationToken cancel)
    {
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancel).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                        highest[reader.GetString(0)] = reader.GetInt64(1);
                }
            }
        }
        return highest;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
