using Kruise.Actors.Persistence;
using Npgsql;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>
/// A fresh database on the throwaway PostgreSQL that ./test.sh starts (scripts/throwaway-postgres.sh)
/// and names in KRUISE_TEST_POSTGRES; dropped when disposed. Without that server the test fails
/// saying so: a PostgreSQL feature is never claimed without a real PostgreSQL.
/// </summary>
public sealed class TestPostgres : IDisposable
{
    public const string Variable = "KRUISE_TEST_POSTGRES";

    private readonly string _server;

    public TestPostgres()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run ./test.sh, which starts a throwaway PostgreSQL (Debian's postgresql package)");
        Database = "kruise_" + Guid.NewGuid().ToString("N")[..12];
        Execute($"CREATE DATABASE {Database}");
        Target = JournalTarget.Postgres(new NpgsqlConnectionStringBuilder(_server) { Database = Database }.ConnectionString);
    }

    public string Database { get; }

    public JournalTarget Target { get; }

    public List<Dictionary<string, object?>> Query(string sql)
    {
        using var connection = new NpgsqlConnection(Target.ConnectionString);
        return Runtime.SqlRows.Query(connection, sql);
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
    }
}
