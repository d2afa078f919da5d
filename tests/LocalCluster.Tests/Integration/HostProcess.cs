using System.Diagnostics;
using System.Text;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

/// <summary>
/// The built `kruise-actors` (the Host project's output, copied beside the tests) run as a user
/// runs it: a child process whose output is read as it comes.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_gate)
                return _stdout.ToString();
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
                return _stderr.ToString();
        }
    }

    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static HostProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kruise-actors.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return new HostProcess(Process.Start(start)!);
    }

    /// <summary>Runs a command to its end.</summary>
    public static async Task<HostProcess> Run(params string[] arguments)
    {
        var process = Start(arguments);
        await process.WaitForExit();
        return process;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for a line of standard output that satisfies <paramref name="match"/>; fails if the process ends first.</summary>
    public async Task<string> WaitForOutput(Func<string, bool> match, int seconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var line = Stdout.Split('\n').FirstOrDefault(match);
            if (line is not null)
                return line;
            if (_process.HasExited)
                Assert.Fail($"kruise-actors exited ({_process.ExitCode}) before the expected output.\nstdout: {Stdout}\nstderr: {Stderr}");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for kruise-actors' output.\nstdout: {Stdout}\nstderr: {Stderr}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGTERM, as a service manager or `kill` does.</summary>
    public async Task Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    public async Task WaitForExit(int seconds = 120)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await _process.WaitForExitAsync(timeout.Token);
        // The output readers may still be draining: WaitForExit() without a timeout waits for them.
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            buffer.Append(line).Append('\n');
    }

    // The muxer running these tests, else the one on PATH.
    private static string Dotnet() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
