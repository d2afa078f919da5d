using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.Entities.Runtime;
using Kruise.Actors.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kruise.Actors.Journal;

/// <summary>One entity's log: how many events, and when the last was written.</summary>
public sealed record EntityLogSummary(EntityId Entity, long Events, DateTimeOffset LastEvent);

/// <summary>One persisted event, decoded: its readable summary and its JSON (null when not ours to decode).</summary>
public sealed record EventLogEntry(EntityId Entity, long SequenceNr, DateTimeOffset Time, string Manifest, string Summary, JsonNode? Event);

/// <summary>
/// Reads the controller's journal tables directly (Akka.Persistence.Sql's default mapping), with
/// no actor system, so `kruise-actors events` works beside a running controller (SQLite in WAL
/// mode, or PostgreSQL). Sharding's own bookkeeping ids are left out.
/// </summary>
public sealed class EventLogReader(JournalTarget target, EventRegistry registry)
{
    private readonly EventCodec _codec = new(registry);

    public JournalTarget Target { get; } = target;

    public async Task<IReadOnlyList<EntityLogSummary>> ListEntities(CancellationToken cancellationToken)
    {
        const string sql = "SELECT persistence_id, COUNT(*), MAX(created) FROM journal WHERE NOT deleted GROUP BY persistence_id ORDER BY persistence_id";
        var result = new List<EntityLogSummary>();
        await Query(sql, [], reader =>
        {
            if (EntityId.TryParse(reader.GetString(0), out var entity))
                result.Add(new EntityLogSummary(entity, reader.GetInt64(1), FromTicks(reader.GetInt64(2))));
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The events of <paramref name="entity"/> after <paramref name="afterSequenceNr"/>, in order.</summary>
    public async Task<IReadOnlyList<EventLogEntry>> Read(EntityId entity, long afterSequenceNr, CancellationToken cancellationToken)
    {
        const string sql = "SELECT sequence_number, created, manifest, identifier, message FROM journal WHERE persistence_id = @id AND sequence_number > @after AND NOT deleted ORDER BY sequence_number";
        var result = new List<EventLogEntry>();
        await Query(sql, [("@id", entity.ToString()), ("@after", afterSequenceNr)], reader =>
        {
            var manifest = reader.IsDBNull(2) ? "" : reader.GetString(2);
            var serializer = reader.IsDBNull(3) ? 0 : reader.GetInt32(3);
            var payload = (byte[])reader.GetValue(4);
            var (summary, json) = Describe(manifest, serializer, payload);
            result.Add(new EventLogEntry(entity, reader.GetInt64(0), FromTicks(reader.GetInt64(1)), manifest, summary, json));
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private (string Summary, JsonNode? Json) Describe(string manifest, int serializer, byte[] payload)
    {
        if (serializer != EventSerializer.Id)
            return ($"(written by serializer {serializer}, not readable here)", null);
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return ("(payload is not JSON)", null);
        }
        if (_codec.TryDecode(payload, manifest, out var value) && value is not null && registry.Summarize(value) is { } summary)
            return (summary, json);
        return (json?.ToJsonString() ?? "", json);
    }

    private static DateTimeOffset FromTicks(long ticks) =>
        ticks is > 0 and < 3155378975999999999 ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue;

    private async Task Query(string sql, (string Name, object Value)[] parameters, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var connection = Connect();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw new JournalUnavailableException($"cannot open the journal {Target}: {e.Message}", e);
        }
        catch (NpgsqlException e)
        {
            throw new JournalUnavailableException($"cannot reach the journal {Target}: {e.Message}", e);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                row(reader);
        }
        catch (Exception e) when (IsMissingTable(e))
        {
            // Nothing was ever persisted: Akka creates the tables on the first write.
        }
    }

    private DbConnection Connect()
    {
        if (Target.Provider == JournalProvider.Postgres)
            return new NpgsqlConnection(Target.ConnectionString);
        var builder = new SqliteConnectionStringBuilder(Target.ConnectionString);
        if (!File.Exists(builder.DataSource))
            throw new JournalUnavailableException($"no journal at {builder.DataSource}");
        builder.Mode = SqliteOpenMode.ReadOnly;
        return new SqliteConnection(builder.ToString());
    }

    private static bool IsMissingTable(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.Message.Contains("no such table", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UndefinedTable,
        _ => false,
    };

    /// <summary>Renders one entry as a single JSON line (for --output json).</summary>
    public static string ToJsonLine(EventLogEntry entry)
    {
        var line = new JsonObject
        {
            ["entity"] = entry.Entity.ToString(),
            ["seq"] = entry.SequenceNr,
            ["time"] = entry.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["event"] = entry.Manifest,
            ["summary"] = entry.Summary,
            ["data"] = entry.Event?.DeepClone(),
        };
        return line.ToJsonString();
    }
}

public sealed class JournalUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
