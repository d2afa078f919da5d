using System.Diagnostics;
using Npgsql;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>
/// The PostgreSQL the replicas share their journal on: a server given with --postgres, or a
/// throwaway one from scripts/throwaway-postgres.sh, stopped when disposed. Each measured run gets
/// a database of its own (a fresh journal), dropped when disposed.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _server;
    private readonly string? _throwawayFolder;
    private readonly List<string> _databases = [];

    private PostgresServer(string server, string? throwawayFolder, string description)
    {
        _server = server;
        _throwawayFolder = throwawayFolder;
        Description = description;
    }

    public string Description { get; }

    public static async Task<PostgresServer> Open(string? existing)
    {
        if (existing is not null)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(existing);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--postgres is not an Npgsql connection string: {e.Message}", e);
            }
            return new PostgresServer(existing, null, "existing server (--postgres)");
        }
        var script = Path.Combine(Harness.BenchReport.RepositoryRoot(), "scripts", "throwaway-postgres.sh");
        // Under /tmp: the server runs as user postgres when started by root and must reach the folder.
        var folder = Path.Combine("/tmp", "kruise-actors-replicas-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var (code, stdout, stderr) = await Script(script, "start", Path.Combine(folder, "pg")).ConfigureAwait(false);
        if (code != 0)
            throw new InvalidOperationException($"scripts/throwaway-postgres.sh start failed ({code}): {stderr.Trim()}");
        return new PostgresServer(stdout.Trim(), folder, "throwaway server (scripts/throwaway-postgres.sh)");
    }

    /// <summary>A new empty database on the server: its connection string.</summary>
    public async Task<string> CreateDatabase()
    {
        var name = "kruise_bench_" + Guid.NewGuid().ToString("N")[..12];
        await Execute($"CREATE DATABASE {name}").ConfigureAwait(false);
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_throwawayFolder is { } folder)
        {
            var script = Path.Combine(Harness.BenchReport.RepositoryRoot(), "scripts", "throwaway-postgres.sh");
            await Script(script, "stop", Path.Combine(folder, "pg")).ConfigureAwait(false);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Files owned by user postgres (when run as root) stay in /tmp; the server is stopped.
            }
            return;
        }
        foreach (var database in _databases)
            await Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)").ConfigureAwait(false);
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Script(string script, string command, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, command, folder })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
