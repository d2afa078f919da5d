using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kruise.Actors.Bench.Harness;

namespace Kruise.Actors.Bench.ApiServer;

/// <summary>
/// The server in a process of its own: this benchmark's executable, started again with the
/// hidden <see cref="ApiServerServe"/> subcommand, optionally pinned to one core with taskset, so
/// the server's CPU time is measured apart from the client's and "per core" can be literal.
/// </summary>
public sealed class ServerProcess : IServerUnderTest
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private const int StderrKept = 8 * 1024;
    private const string ReadyToRunVariable = "DOTNET_ReadyToRun";

    private readonly Process _process;
    private readonly StringBuilder _stderr;
    private readonly SemaphoreSlim _exchange = new(1, 1);

    private ServerProcess(Process process, StringBuilder stderr, string kubeconfigPath, string placement)
    {
        _process = process;
        _stderr = stderr;
        KubeconfigPath = kubeconfigPath;
        Placement = placement;
    }

    public string KubeconfigPath { get; }
    public string Placement { get; }

    public static async Task<ServerProcess> Start(string store, string dataFolder, int? core)
    {
        var (file, prefix) = Executable();
        var start = new ProcessStartInfo(core is null ? file : "taskset")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // taskset execs the server, so the process id (and its CPU time) is the server's own.
        IEnumerable<string> arguments = [.. prefix, ApiServerServe.Name, "--store", store, "--data", dataFolder];
        if (core is { } c)
            arguments = ["-c", c.ToString(CultureInfo.InvariantCulture), file, .. arguments];
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // With tiered compilation off, precompiled (ReadyToRun) framework code would run as is for
        // good, never re-optimized as tiering does in a long-running host: JIT it all instead, so
        // the server runs the optimized code a warmed-up host would. Set in the environment to override.
        var readyToRun = Environment.GetEnvironmentVariable(ReadyToRunVariable);
        if (readyToRun is null)
            start.Environment[ReadyToRunVariable] = readyToRun = "0";
        var jit = readyToRun == "0" ? "all code JIT-optimized (ReadyToRun off)" : $"{ReadyToRunVariable}={readyToRun}";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                if (e.Data is not null && stderr.Length < StderrKept)
                    stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            var parts = line?.Split(' ', 3);
            if (parts is not [ApiServerServe.Ready, _, var kubeconfig])
            {
                if (line is null)
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                throw new InvalidOperationException($"the server process did not start (first line: '{line}'):\n{Stderr(stderr)}");
            }
            var pinned = core is { } n ? $"pinned to core {n} (taskset -c {n})" : "not pinned";
            return new ServerProcess(process, stderr, kubeconfig, $"separate process (pid {process.Id}), {pinned}, {jit}");
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async Task<ServerUsage?> Read()
    {
        var answer = await Exchange(ApiServerServe.UsageCommand).ConfigureAwait(false);
        var parts = answer.Split(' ');
        if (parts is not [ApiServerServe.UsageCommand, var cpu, var allocated, var compiled])
            throw new InvalidOperationException($"unexpected answer from the server process: '{answer}'");
        return new ServerUsage(TimeSpan.FromTicks(Parse(cpu)), Parse(allocated), Parse(compiled));
    }

    public Task Settle() => Exchange(ApiServerServe.SettleCommand);

    private async Task<string> Exchange(string command)
    {
        await _exchange.WaitAsync().ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync(command).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            return await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the server process exited:\n{Stderr(_stderr)}");
        }
        finally
        {
            _exchange.Release();
        }
    }

    /// <summary>Closing stdin asks the server to shut down; it is killed if it does not within the timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop(_process);
        }
        _process.Dispose();
        _exchange.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>
    /// This benchmark's app host beside its assembly (also copied into the output of projects
    /// that reference it, as the tests do); else the dotnet host running the assembly.
    /// </summary>
    private static (string File, IReadOnlyList<string> Prefix) Executable()
    {
        var assembly = typeof(ServerProcess).Assembly.Location;
        var folder = Path.GetDirectoryName(assembly)!;
        var host = Path.Combine(folder, Path.GetFileNameWithoutExtension(assembly) + (OperatingSystem.IsWindows() ? ".exe" : ""));
        if (File.Exists(host))
            return (host, []);
        return (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [assembly]);
    }

    private static long Parse(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Stderr(StringBuilder stderr)
    {
        lock (stderr)
            return stderr.ToString();
    }
}
