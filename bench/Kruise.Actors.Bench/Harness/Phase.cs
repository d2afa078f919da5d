using System.Diagnostics;

namespace Kruise.Actors.Bench.Harness;

/// <summary>
/// One measured phase: operations, wall-clock seconds, and CPU seconds the whole process used
/// (client and in-process server together), so ops per CPU-second reads as a per-core rate
/// even when other work shares the machine. Bytes allocated (client and server too) are the
/// steadiest figure of all on a shared machine: they do not move with other processes' load.
/// </summary>
public sealed record PhaseResult(string Name, long Operations, double Seconds, double CpuSeconds, long AllocatedBytes, LatencySummary? Latency, string? Note = null)
{
    public double PerSecond => Seconds > 0 ? Operations / Seconds : 0;
    public double PerCpuSecond => CpuSeconds > 0 ? Operations / CpuSeconds : 0;
    public double KilobytesPerOperation => Operations > 0 ? AllocatedBytes / 1024.0 / Operations : 0;
}

/// <summary>Wall clock, process CPU time and bytes allocated from construction to <see cref="Stop"/>.</summary>
public sealed class PhaseClock
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpuStart = CpuTime();
    private readonly long _allocatedStart = GC.GetTotalAllocatedBytes(precise: true);

    public (double Seconds, double CpuSeconds, long AllocatedBytes) Stop() =>
        (Stopwatch.GetElapsedTime(_start).TotalSeconds, (CpuTime() - _cpuStart).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - _allocatedStart);

    public PhaseResult Result(string name, long operations, LatencySummary? latency, string? note = null)
    {
        var (seconds, cpu, allocated) = Stop();
        return new PhaseResult(name, operations, seconds, cpu, allocated, latency, note);
    }

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
