namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>
/// Kubernetes' duration.HumanDuration: about two significant figures ("45s", "3m20s", "15m",
/// "4h10m", "20h", "2d3h", "45d", "3y20d"), the form kubectl's AGE and LAST SEEN columns show.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        // Up to two seconds in the future reads as now: clocks of client and server differ a little.
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
            return "<invalid>";
        if (seconds < 0)
            return "0s";
        if (seconds < 60 * 2)
            return $"{seconds}s";
        var minutes = d.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        if (minutes < 60 * 3)
            return $"{minutes}m";
        var hours = d.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        if (hours < 48)
            return $"{hours}h";
        if (hours < 24 * 8)
            return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        if (hours < 24 * 365 * 2)
            return $"{hours / 24}d";
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }
        return $"{hours / 24 / 365}y";
    }
}
