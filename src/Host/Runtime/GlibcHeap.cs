using System.Runtime.InteropServices;

namespace Kruise.Actors.Host.Runtime;

/// <summary>
/// Keeps glibc's allocator from holding on to memory the process freed. Native allocations come and
/// go in a controller (the JIT compiling methods, TLS, SQLite, the runtime's own bookkeeping), and
/// glibc keeps what they free for reuse: in up to eight heaps per core, one per thread that found
/// the others busy, and without returning it. A settled controller holding 10,000 pods gave back
/// 14 MiB of its 299 to one malloc_trim called from a debugger. So: at most one heap per core
/// (at least two), and a trim every few seconds. Linux with glibc only; elsewhere (musl has neither
/// call) nothing changes.
/// </summary>
internal static class GlibcHeap
{
    public static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(5);

    // mallopt's parameter number for the arena limit (malloc.h).
    private const int ArenaMax = -8;

    private static Timer? s_trim;

    /// <summary>Call first thing: the heap limit applies to heaps made afterwards.</summary>
    public static void Tune()
    {
        if (!OperatingSystem.IsLinux() || s_trim is not null)
            return;
        try
        {
            if (MallOpt(ArenaMax, Math.Max(2, Environment.ProcessorCount)) == 0)
                return;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return;
        }
        // Its result says only whether any memory went back; there is nothing to do about either answer.
        s_trim = new Timer(static _ => _ = MallocTrim(0), null, TrimInterval, TrimInterval);
    }

    // DllImport, not LibraryImport: the arguments are blittable, and LibraryImport needs unsafe code allowed.
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
