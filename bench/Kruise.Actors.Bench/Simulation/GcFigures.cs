namespace Kruise.Actors.Bench.Simulation;

/// <summary>
/// The process's garbage collector work over a stretch of the run: bytes allocated, collections
/// by generation and time paused, and the heap's size at its end. Allocation per start does not
/// swing with the machine's load as CPU time does, so it is the steadier figure to compare builds by.
/// </summary>
public sealed record GcFigures(long AllocatedBytes, int Gen0, int Gen1, int Gen2, double PauseSeconds, long HeapBytes)
{
    public static GcFigures Now() => new(
        GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalSeconds, GC.GetGCMemoryInfo().HeapSizeBytes);

    /// <summary>What happened since <paramref name="before"/>; the heap size is this one's.</summary>
    public GcFigures Since(GcFigures before) => new(
        AllocatedBytes - before.AllocatedBytes, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2,
        PauseSeconds - before.PauseSeconds, HeapBytes);
}
