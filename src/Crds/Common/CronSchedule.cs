using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace Kruise.Actors.Crds.Common;

/// <summary>
/// A cron schedule in the forms OpenKruise's AdvancedCronJob accepts (robfig/cron's standard
/// parser): five fields, a descriptor such as @daily, "@every 1h30m", each optionally led by
/// "TZ=Zone " or "CRON_TZ=Zone ". The one place schedules are parsed, for validation and planners.
/// </summary>
public sealed partial class CronSchedule
{
    private static readonly HashSet<string> Descriptors = new(StringComparer.OrdinalIgnoreCase)
    {
        "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly",
    };

    private CronSchedule(CronExpression? expression, TimeSpan? every, string? timeZone)
    {
        Expression = expression;
        Every = every;
        TimeZone = timeZone;
    }

    /// <summary>The calendar expression; null for an "@every" schedule.</summary>
    public CronExpression? Expression { get; }

    /// <summary>The fixed interval of an "@every" schedule (at least one second).</summary>
    public TimeSpan? Every { get; }

    /// <summary>The zone named by a TZ= or CRON_TZ= prefix, if any.</summary>
    public string? TimeZone { get; }

    /// <summary>True when the text carries a TZ= or CRON_TZ= prefix.</summary>
    public static bool HasTimeZonePrefix(string? text) =>
        text is not null && (text.StartsWith("TZ=", StringComparison.Ordinal) || text.StartsWith("CRON_TZ=", StringComparison.Ordinal));

    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule)
    {
        schedule = null;
        var spec = text?.Trim();
        if (string.IsNullOrEmpty(spec))
            return false;
        string? zone = null;
        if (HasTimeZonePrefix(spec))
        {
            var space = spec.IndexOfAny([' ', '\t']);
            if (space < 0)
                return false;
            zone = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            if (!TryFindTimeZone(zone, out _))
                return false;
            spec = spec[space..].Trim();
        }
        if (spec.StartsWith("@every", StringComparison.Ordinal))
        {
            if (!TryParseGoDuration(spec["@every".Length..].Trim(), out var every))
                return false;
            schedule = new CronSchedule(null, every < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : every, zone);
            return true;
        }
        if (spec.StartsWith('@') && !Descriptors.Contains(spec))
            return false;
        var fields = spec.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (!spec.StartsWith('@') && (fields.Length != 5 || fields.Any(HasHashedValue)))
            return false;
        if (!CronExpression.TryParse(string.Join(' ', fields), CronFormat.Standard, out var expression))
            return false;
        schedule = new CronSchedule(expression, null, zone);
        return true;
    }

    /// <summary>
    /// Finds an IANA zone the way Go's time.LoadLocation does ("" and "UTC" are UTC). "Local" is
    /// refused: a schedule must not depend on where the controller runs.
    /// </summary>
    public static bool TryFindTimeZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (id is null || id.Equals("Local", StringComparison.OrdinalIgnoreCase))
            return false;
        if (id is "" or "UTC")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    /// <summary>The first run strictly after the given instant, in the given zone (an "@every" schedule ignores it).</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        if (Every is { } every)
            return after.AddTicks(-(after.Ticks % TimeSpan.TicksPerSecond)) + every;
        return Expression!.GetNextOccurrence(after, zone);
    }

    // Cronos reads "H" as a hashed (jittered) value, which robfig/cron does not know; three-letter
    // names such as THU contain an H legitimately.
    private static bool HasHashedValue(string field) =>
        field.Split(',', '-', '/').Any(part => part.Contains('H', StringComparison.OrdinalIgnoreCase) && part.Length != 3);

    [GeneratedRegex(@"^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex GoDurationPattern();

    [GeneratedRegex(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex GoDurationPart();

    /// <summary>Go's time.ParseDuration for the non-negative values "@every" takes ("1h30m", "90s", "0").</summary>
    private static bool TryParseGoDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
            return true;
        if (!GoDurationPattern().IsMatch(text))
            return false;
        var ticks = 0.0;
        foreach (Match part in GoDurationPart().Matches(text))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += value * part.Groups[2].Value switch
            {
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "ns" => 0.01,
                _ => TimeSpan.TicksPerMillisecond / 1000.0,
            };
        }
        if (ticks > TimeSpan.MaxValue.Ticks)
            return false;
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
