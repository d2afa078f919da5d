using Kruise.Actors.Persistence;
using Microsoft.Data.Sqlite;

namespace Kruise.Actors.Tests.Runtime;

/// <summary>A throwaway folder with a real SQLite journal file, and SQL access to its tables.</summary>
public sealed class JournalFolder : IDisposable
{
    public JournalFolder()
    {
        Directory.CreateDirectory(Path);
        Target = JournalTarget.InFolder(Path);
        Target.Prepare();
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kruise-actors-journal-" + Guid.NewGuid().ToString("N")[..8]);

    public JournalTarget Target { get; }

    public List<Dictionary<string, object?>> Query(string sql)
    {
        using var connection = new SqliteConnection(Target.ConnectionString);
        return SqlRows.Query(connection, sql);
    }

    public int Execute(string sql)
    {
        using var connection = new SqliteConnection(Target.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
