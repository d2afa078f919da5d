using System.Runtime;
using System.Runtime.InteropServices;

namespace Kruise.Actors.Bench.Harness;

/// <summary>What the figures were measured on; printed above every table and kept in the JSON.</summary>
public sealed record MachineInfo(int Cores, string CpuModel, string Os, string Runtime, string Gc, string LoadAverage)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC ? "server" : "workstation",
        // Other work on the machine skews wall-clock rates; the load at start says how much there was.
        ReadFirstLine("/proc/loadavg") ?? "n/a");

    public IEnumerable<string> Lines()
    {
        yield return $"machine: {Cores} cores, {CpuModel}";
        yield return $"os:      {Os}";
        yield return $"runtime: {Runtime} ({Gc} GC)";
        yield return $"load:    {LoadAverage} (1/5/15-min load average at start)";
    }

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
