using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kruise.Actors.Persistence;

public enum JournalProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the journal and snapshots live: `sqlite:PATH` (one file, the default) or
/// `postgres:CONNSTRING` (an Npgsql connection string, for several replicas).
/// </summary>
public sealed record JournalTarget(JournalProvider Provider, string ConnectionString, string Display)
{
    public const string DefaultFileName = "journal.db";

    /// <summary>linq2db's provider name, as Akka.Persistence.Sql expects it.</summary>
    public string ProviderName => Provider == JournalProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    public static JournalTarget Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 };
        return new(JournalProvider.Sqlite, builder.ToString(), $"sqlite:{full}");
    }

    /// <summary>The journal inside a data folder (what `up` and `events --data` use).</summary>
    public static JournalTarget InFolder(string folder) => Sqlite(Path.Combine(folder, DefaultFileName));

    public static JournalTarget Postgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"postgres connection string is not valid: {e.Message}", e);
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new FormatException("postgres connection string needs Host=... (e.g. postgres:Host=127.0.0.1;Port=5432;Username=kruise;Password=...;Database=kruise)");
        return new(JournalProvider.Postgres, builder.ConnectionString, $"postgres:{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>Parses `sqlite:PATH` or `postgres:CONNSTRING`; throws <see cref="FormatException"/> with a usable message.</summary>
    public static JournalTarget Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? "" : value[..colon];
        var rest = colon < 0 ? "" : value[(colon + 1)..];
        return scheme.ToLowerInvariant() switch
        {
            "sqlite" when rest.Length > 0 => Sqlite(rest),
            "postgres" or "postgresql" when rest.Length > 0 => Postgres(rest),
            _ => throw new FormatException($"journal \"{value}\" is not sqlite:PATH or postgres:CONNSTRING"),
        };
    }

    /// <summary>
    /// Creates the SQLite file's folder and turns on WAL, so `events` can read while the controller
    /// writes. PostgreSQL needs nothing: Akka creates the tables on first use.
    /// </summary>
    public void Prepare()
    {
        if (Provider != JournalProvider.Sqlite)
            return;
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public override string ToString() => Display;
}
