using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kruise.Actors.Bench.Replicas;

/// <summary>What one replica's /metrics said: live entities by kind and API writes so far.</summary>
public sealed record ReplicaMetrics(IReadOnlyDictionary<string, long> EntitiesByKind, long ApiWrites)
{
    public long Entities => EntitiesByKind.Values.Sum();
    public long Of(string kind) => EntitiesByKind.GetValueOrDefault(kind);
}

/// <summary>
/// One controller replica as an operator runs it: the built `kruise-actors run` (src/Host) in a
/// process of its own, its HTTP endpoint on a known port. CPU time and working set are read from
/// the process (Linux /proc), so they are the replica's alone.
/// </summary>
public sealed class ReplicaProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private const int StderrKept = 16 * 1024;

    /// <summary>
    /// KRUISE_REPLICA_LOGS=DIR: every replica logs at INFO and its whole output goes to DIR/replica-N-PID.log
    /// (timestamped by Akka), to break a failover down into its phases. Unset: WARNING, the last 16 KiB kept.
    /// </summary>
    private static readonly string? LogFolder = Environment.GetEnvironmentVariable("KRUISE_REPLICA_LOGS") is { Length: > 0 } folder ? folder : null;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StreamWriter? _logFile;
    private TimeSpan _lastCpu;

    private ReplicaProcess(int index, Process process, int clusterPort, int httpPort)
    {
        Index = index;
        _process = process;
        ClusterPort = clusterPort;
        HttpUrl = new Uri($"http://127.0.0.1:{httpPort}/");
        if (LogFolder is not null)
        {
            Directory.CreateDirectory(LogFolder);
            _logFile = new StreamWriter(Path.Combine(LogFolder, $"replica-{index}-{process.Id}.log")) { AutoFlush = true };
        }
        void Keep(object? sender, DataReceivedEventArgs e)
        {
            lock (_output)
            {
                if (e.Data is not null && _output.Length < StderrKept)
                    _output.AppendLine(e.Data);
                if (e.Data is not null)
                    _logFile?.WriteLine(e.Data);
            }
        }
        _process.OutputDataReceived += Keep;
        _process.ErrorDataReceived += Keep;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Index { get; }
    public int ProcessId => _process.Id;
    public int ClusterPort { get; }
    public Uri HttpUrl { get; }
    public bool Killed { get; private set; }

    /// <summary>
    /// Starts `kruise-actors run` joined to <paramref name="seedPort"/> on loopback (itself when the ports are equal),
    /// its journal at <paramref name="journal"/> (`postgres:CONNSTRING` or `sqlite:PATH`).
    /// </summary>
    public static ReplicaProcess Start(int index, string kubeconfig, string journal, int seedPort, WriteLimit limit)
    {
        var clusterPort = index == 0 ? seedPort : FreePort();
        var httpPort = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            HostDll(), "run", "--kubeconfig", kubeconfig, "--journal", journal,
            "--cluster-port", I(clusterPort), "--seed", "127.0.0.1:" + I(seedPort),
            "--http-port", I(httpPort), "--no-webhook", "--log-level", LogFolder is null ? "WARNING" : "INFO", .. limit.Arguments(),
        ];
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start kruise-actors run");
        return new ReplicaProcess(index, process, clusterPort, httpPort);
    }

    /// <summary>
    /// The built kruise-actors.dll of the same configuration as this benchmark (the project reference
    /// builds it), or KRUISE_BENCH_HOST=DIR's (e.g. a `dotnet publish` output, to measure the build an operator deploys).
    /// </summary>
    public static string HostDll()
    {
        if (Environment.GetEnvironmentVariable("KRUISE_BENCH_HOST") is { Length: > 0 } folder)
        {
            var published = Path.Combine(Path.GetFullPath(folder), "kruise-actors.dll");
            return File.Exists(published) ? published : throw new FileNotFoundException($"KRUISE_BENCH_HOST={folder} holds no kruise-actors.dll", published);
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Harness.BenchReport.RepositoryRoot(), "src", "Host", "bin", configuration, "net10.0", "kruise-actors.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build src/Host first (dotnet build src/Host -c {configuration})", dll);
    }

    /// <summary>Until /readyz answers 200 (a cluster member whose watchers have listed).</summary>
    public async Task WaitReady(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"replica {Index} exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Http.GetAsync(new Uri(HttpUrl, "readyz")).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"replica {Index} was not ready within {timeout}:\n{Output}");
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    public async Task<ReplicaMetrics> Scrape()
    {
        var text = await Http.GetStringAsync(new Uri(HttpUrl, "metrics")).ConfigureAwait(false);
        var entities = new Dictionary<string, long>(StringComparer.Ordinal);
        long writes = 0;
        foreach (var line in text.Split('\n'))
        {
            if (Sample(line, "kruise_actors_entities{kind=\"") is ({ } labels, var count))
                entities[labels[..labels.IndexOf('"', StringComparison.Ordinal)]] = count;
            else if (Sample(line, "kruise_actors_api_writes_total{") is (not null, var written))
                writes += written;
        }
        return new ReplicaMetrics(entities, writes);
    }

    private static (string? Labels, long Value) Sample(string line, string prefix)
    {
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
            return (null, 0);
        var space = line.LastIndexOf(' ');
        return long.TryParse(line.AsSpan(space + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? (line[prefix.Length..space], value)
            : (null, 0);
    }

    /// <summary>CPU seconds (user and system) since the process started; the last reading once it is gone.</summary>
    public double CpuSeconds()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Refresh();
                _lastCpu = _process.TotalProcessorTime;
            }
        }
        catch (InvalidOperationException)
        {
        }
        return _lastCpu.TotalSeconds;
    }

    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>The highest working set the process has had (Linux VmHWM): what a memory limit must allow.</summary>
    public long PeakWorkingSetBytes()
    {
        _process.Refresh();
        return _process.PeakWorkingSet64;
    }

    /// <summary>kill -9: no leaving the cluster, no flushing; what a crashed node or an OOM kill does.</summary>
    public void KillHard()
    {
        CpuSeconds();
        Killed = true;
        _process.Kill();
    }

    /// <summary>SIGTERM (the replica leaves the cluster), then a kill if it has not exited in time.</summary>
    public async Task Stop(TimeSpan timeout)
    {
        if (_process.HasExited)
            return;
        CpuSeconds();
        using (var kill = Process.Start("kill", ["-TERM", I(_process.Id)]))
            await kill.WaitForExitAsync().ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
        lock (_output)
            _logFile?.Dispose();
    }

    /// <summary>A loopback port free at this moment (released for the replica to bind).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
