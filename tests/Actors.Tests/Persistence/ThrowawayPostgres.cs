using System.Diagnostics;
using Kruise.Actors.Persistence;
using Npgsql;

namespace Kruise.Actors.Tests.Persistence;

/// <summary>
/// A PostgreSQL server of one test's own (scripts/throwaway-postgres.sh), which the test may stop
/// and start again (<see cref="Pause"/>, <see cref="Resume"/>) on the same port with the same data:
/// an outage the shared KRUISE_TEST_POSTGRES server must never be put through. Without Debian's
/// postgresql package the test fails saying so.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _folder;

    private ThrowawayPostgres(string folder, string connectionString)
    {
        _folder = folder;
        Target = JournalTarget.Postgres(connectionString);
    }

    public JournalTarget Target { get; }

    public static ThrowawayPostgres Start()
    {
        // Under /tmp, whose folders user postgres can reach (the server runs as postgres when we are root);
        // the script says so clearly if it cannot.
        var parent = Path.Combine("/tmp", "kruise-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(parent);
        var folder = Path.Combine(parent, "pg");
        var connection = Script("start", folder).Trim();
        return new ThrowawayPostgres(folder, connection);
    }

    /// <summary>Stops the server (sessions cut, new connections refused); its data stays.</summary>
    public void Pause() => Script("pause", _folder);

    /// <summary>Starts the paused server again where its clients look for it.</summary>
    public void Resume() => Script("resume", _folder);

    public List<Dictionary<string, object?>> Query(string sql)
    {
        using var connection = new NpgsqlConnection(Target.ConnectionString);
        return Runtime.SqlRows.Query(connection, sql);
    }

    private static string Script(string command, string folder)
    {
        var script = Path.Combine(RepoRoot(), "scripts", "throwaway-postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, command, folder })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot run bash");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"throwaway-postgres.sh {command} failed ({process.ExitCode}): {stderr.Result.Trim()}");
        return stdout;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kruise.Actors.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Script("stop", _folder);
        try
        {
            Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
