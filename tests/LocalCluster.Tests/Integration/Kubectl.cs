using System.Diagnostics;
using System.Text;

namespace Kruise.Actors.LocalCluster.Tests.Integration;

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public KubectlResult Ok()
    {
        Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}): {Stderr}\n{Stdout}");
        return this;
    }

    /// <summary>A failed command; kubectl prints the server's Status message on stderr.</summary>
    public KubectlResult Fails()
    {
        Assert.True(ExitCode != 0, $"kubectl should have failed: {Stdout}");
        return this;
    }

    public KubectlTable Table() => KubectlTable.Parse(Stdout);

    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Real /usr/bin/kubectl (it dispatches to the client matching the server's reported minor version).</summary>
public static class Kubectl
{
    public static async Task<KubectlResult> Run(string kubeconfig, string arguments, string? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(kubeconfig, arguments, stdin is not null))!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (get -w, delete that waits) whose output is read as it streams.</summary>
    public static KubectlProcess Start(string kubeconfig, string arguments) => new(Process.Start(StartInfo(kubeconfig, arguments, false))!);

    private static ProcessStartInfo StartInfo(string kubeconfig, string arguments, bool stdin)
    {
        var start = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var argument in Split(arguments))
            start.ArgumentList.Add(argument);
        // kubectl caches discovery under $HOME/.kube: one cache per cluster folder.
        start.Environment["HOME"] = Path.GetDirectoryName(kubeconfig);
        return start;
    }

    /// <summary>
    /// Splits a command line as a shell would for the quoting used in these tests: 'single quotes'
    /// keep their content verbatim (JSON patches), "double quotes" group words and take \" for a quote.
    /// </summary>
    public static IEnumerable<string> Split(string arguments)
    {
        var current = new StringBuilder();
        char? quote = null;
        var any = false;
        for (var i = 0; i < arguments.Length; i++)
        {
            var c = arguments[i];
            if (quote is null && c is '\'' or '"')
            {
                quote = c;
                any = true;
            }
            else if (c == quote)
                quote = null;
            else if (c == '\\' && quote != '\'' && i + 1 < arguments.Length && arguments[i + 1] == '"')
                current.Append(arguments[++i]);
            else if (char.IsWhiteSpace(c) && quote is null)
            {
                if (any)
                    yield return current.ToString();
                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }
        if (any)
            yield return current.ToString();
    }
}

/// <summary>A kubectl still running: its output so far, waiting for a line, and its end.</summary>
public sealed class KubectlProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _changed = new(0);

    internal KubectlProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
                return _stdout.ToString();
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stdout)
                return _stderr.ToString();
        }
    }

    /// <summary>Waits until the output so far satisfies <paramref name="done"/>; fails the test after the timeout.</summary>
    public async Task<string> WaitFor(Func<string, bool> done, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!done(Stdout))
        {
            if (_process.HasExited && !done(Stdout))
                Assert.Fail($"kubectl exited ({_process.ExitCode}) before {what}: {Stderr}\n{Stdout}");
            try
            {
                await _changed.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for {what}; kubectl printed: {Stdout}\n{Stderr}");
            }
        }
        return Stdout;
    }

    /// <summary>Waits for kubectl to end by itself; returns its result.</summary>
    public async Task<KubectlResult> Exit(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flushes the asynchronous output readers
        return new KubectlResult(_process.ExitCode, Stdout, Stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _changed.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
            return;
        lock (_stdout)
            target.Append(line).Append('\n');
        _changed.Release();
    }
}
