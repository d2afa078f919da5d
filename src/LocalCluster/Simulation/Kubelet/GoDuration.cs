using System.Globalization;
using System.Text;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>Go's time.Duration.String() at millisecond precision, as kubelet messages print durations ("1.5s", "250ms", "2m0s").</summary>
public static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        var ms = (long)Math.Floor(duration.TotalMilliseconds);
        if (ms <= 0)
            return "0s";
        if (ms < 1000)
            return ms.ToString(CultureInfo.InvariantCulture) + "ms";
        var text = new StringBuilder();
        var hours = ms / 3_600_000;
        var minutes = ms / 60_000 % 60;
        var seconds = ms / 1000 % 60;
        var millis = ms % 1000;
        if (hours > 0)
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        if (hours > 0 || minutes > 0)
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        text.Append(seconds.ToString(CultureInfo.InvariantCulture));
        if (millis > 0)
            text.Append('.').Append(millis.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0'));
        return text.Append('s').ToString();
    }
}
