using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Kruise.Actors.Tests.Cli;

namespace Kruise.Actors.Tests.Replicas;

/// <summary>
/// One `kruise-actors run` process of a multi-replica controller, as Kubernetes would run it: both
/// output streams drained (a full pipe would stall it) and kept for the test log.
/// </summary>
public sealed partial class ReplicaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ReplicaProcess(string name, Process process, int clusterPort, int httpPort)
    {
        Name = name;
        _process = process;
        ClusterPort = clusterPort;
        HttpPort = httpPort;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public int ClusterPort { get; }
    public int HttpPort { get; }
    public Uri Http => new($"http://127.0.0.1:{HttpPort}/");
    public bool HasExited => _process.HasExited;
    public IReadOnlyList<string> Log => [.. _log];

    public static ReplicaProcess Start(string name, string kubeconfig, string journal, int clusterPort, int httpPort, int? seedPort)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            KruiseActorsCli.Dll, "run", "--kubeconfig", kubeconfig, "--journal", journal,
            "--cluster-host", "127.0.0.1", "--cluster-port", Invariant(clusterPort), "--http-port", Invariant(httpPort), "--no-webhook",
        ];
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        if (seedPort is { } seed)
        {
            info.ArgumentList.Add("--seed");
            info.ArgumentList.Add($"127.0.0.1:{Invariant(seed)}");
        }
        info.Environment["NO_COLOR"] = "1";
        info.Environment["COLUMNS"] = "200";
        return new ReplicaProcess(name, Process.Start(info)!, clusterPort, httpPort);
    }

    /// <summary>kill -9: no leave, no handover; the others must notice and take over.</summary>
    public void Crash() => _process.Kill();

    /// <summary>
    /// SIGSTOP: the process stays, and so does its listening socket (the kernel still accepts
    /// connections), but it answers nothing: a replica hung or paused, not a dead one.
    /// </summary>
    public void Freeze()
    {
        using var stop = Process.Start("kill", ["-STOP", Invariant(_process.Id)]);
        stop.WaitForExit();
    }

    /// <summary>Sends SIGTERM, as Kubernetes does to stop a pod, and waits for the exit code.</summary>
    public async Task<int> Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Invariant(_process.Id)]))
            await kill.WaitForExitAsync();
        return await Exited(timeout);
    }

    public async Task<int> Exited(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async Task<bool> Ready(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Http, "readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Live entities per kind from this replica's /metrics; empty while it does not answer.</summary>
    public async Task<IReadOnlyDictionary<string, int>> Entities(HttpClient http)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri(Http, "metrics"));
            return EntityLine().Matches(text).ToDictionary(m => m.Groups["kind"].Value, m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Dictionary<string, int>();
        }
    }

    [GeneratedRegex("""^kruise_actors_entities\{kind="(?<kind>[^"]+)"\} (?<n>\d+)""", RegexOptions.Multiline)]
    private static partial Regex EntityLine();

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _log.Enqueue(line);
        while (_log.Count > 20_000)
            _log.TryDequeue(out _);
    }

    private static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
    }
}
