using System.Globalization;

namespace Kruise.Actors.Bench.Harness;

/// <summary>
/// The whole machine's CPU time from /proc/stat (every process, ours and others'), so a phase can
/// say whether the cores were busy even when the measured processes were not the ones using them.
/// </summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    /// <summary>The first "cpu" line of /proc/stat; zeros where it cannot be read.</summary>
    public static MachineCpu Read()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            if (line is null)
                return default;
            var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
            // user nice system idle iowait irq softirq steal ...: idle and iowait are the cores' idle time.
            var total = ticks.Take(8).Sum();
            var idle = ticks.ElementAtOrDefault(3) + ticks.ElementAtOrDefault(4);
            return new MachineCpu(total - idle, total);
        }
        catch (IOException)
        {
            return default;
        }
    }

    /// <summary>The share of the cores busy from <paramref name="before"/> to this reading (0 when unknown).</summary>
    public double BusySince(MachineCpu before) => Total > before.Total ? (double)(Busy - before.Busy) / (Total - before.Total) : 0;
}
