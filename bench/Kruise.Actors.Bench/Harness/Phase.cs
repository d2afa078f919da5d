using System.Diagnostics;

namespace Kruise.Actors.Bench.Harness;

/// <summary>
/// One measured phase: operations, wall-clock seconds, and CPU seconds this process used, so
/// ops per CPU-second reads as a per-core rate even when other work shares the machine. Bytes
/// allocated are the steadiest figure of all on a shared machine: they do not move with other
/// processes' load. With the server in a process of its own, the Server* figures are that
/// process's and the others the client's; with the server in this process, the others cover
/// both and the Server* figures are null.
/// </summary>
public sealed record PhaseResult(string Name, long Operations, double Seconds, double CpuSeconds, long AllocatedBytes, LatencySummary? Latency, string? Note = null,
    double? ServerCpuSeconds = null, long? ServerAllocatedBytes = null)
{
    public double PerSecond => Seconds > 0 ? Operations / Seconds : 0;
    public double PerCpuSecond => CpuSeconds > 0 ? Operations / CpuSeconds : 0;
    public double KilobytesPerOperation => Operations > 0 ? AllocatedBytes / 1024.0 / Operations : 0;
    public double? PerServerCpuSecond => ServerCpuSeconds is > 0 and var cpu ? Operations / cpu : null;
    public double? ServerKilobytesPerOperation => ServerAllocatedBytes is { } bytes && Operations > 0 ? bytes / 1024.0 / Operations : null;
}

/// <summary>What one phase used: wall clock, and CPU time and bytes allocated by this process and by the server's, if apart.</summary>
public sealed record PhaseUsage(double Seconds, double CpuSeconds, long AllocatedBytes, double? ServerCpuSeconds, long? ServerAllocatedBytes)
{
    public PhaseResult Result(string name, long operations, LatencySummary? latency, string? note = null, double? seconds = null) =>
        new(name, operations, seconds ?? Seconds, CpuSeconds, AllocatedBytes, latency, note, ServerCpuSeconds, ServerAllocatedBytes);
}

/// <summary>Wall clock, CPU time and bytes allocated (this process's and the server's) from <see cref="Start"/> to <see cref="Stop"/>.</summary>
public sealed class PhaseClock
{
    private readonly IServerUsage? _server;
    private readonly ServerUsage? _serverStart;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpuStart = CpuTime();
    private readonly long _allocatedStart = GC.GetTotalAllocatedBytes(precise: true);

    private PhaseClock(IServerUsage? server, ServerUsage? serverStart)
    {
        _server = server;
        _serverStart = serverStart;
    }

    /// <summary>The server is read first and last, so its round trips fall outside the client's figures.</summary>
    public static async Task<PhaseClock> Start(IServerUsage? server) =>
        new(server, server is null ? null : await server.Read().ConfigureAwait(false));

    public async Task<PhaseUsage> Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var cpu = (CpuTime() - _cpuStart).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedStart;
        var serverEnd = _server is null ? null : await _server.Read().ConfigureAwait(false);
        return _serverStart is { } before && serverEnd is { } after
            ? new PhaseUsage(seconds, cpu, allocated, (after.Cpu - before.Cpu).TotalSeconds, after.AllocatedBytes - before.AllocatedBytes)
            : new PhaseUsage(seconds, cpu, allocated, null, null);
    }

    public async Task<PhaseResult> Result(string name, long operations, LatencySummary? latency, string? note = null) =>
        (await Stop().ConfigureAwait(false)).Result(name, operations, latency, note);

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>Runs <c>count</c> operations with at most <c>concurrency</c> in flight, each timed.</summary>
public static class Concurrently
{
    /// <returns>Each operation's latency in Stopwatch ticks, by index.</returns>
    public static async Task<long[]> Run(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new long[count];
        var next = -1;
        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(i).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - start;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(Worker))).ConfigureAwait(false);
        return latencies;
    }
}
