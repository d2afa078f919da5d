using System.Globalization;

namespace Kruise.Actors.LocalCluster.Faults;

/// <summary>
/// The text form of <see cref="FaultOptions"/>, as `up --faults` takes it: comma-separated
/// key=value pairs, e.g. <c>write-errors=0.1,latency=20ms,drop-watch=10s,compact-every=30s</c>.
/// </summary>
public static class FaultSpec
{
    public const string Syntax =
        "write-errors=FRACTION|PERCENT%, error-codes=409/429/500, latency=DURATION, drop-watch=DURATION, compact-every=DURATION, retry-after=DURATION, seed=N";

    private static readonly string[] Keys = ["write-errors", "error-codes", "latency", "drop-watch", "compact-every", "retry-after", "seed"];

    /// <summary>The options, or the one line that says what is wrong with the text.</summary>
    public static (FaultOptions? Options, string? Problem) Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (null, $"--faults needs a list of faults: {Syntax}");
        var options = new FaultOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                return (null, $"--faults: '{raw}' is not key=value ({Syntax})");
            var key = raw[..equals].Trim();
            var value = raw[(equals + 1)..].Trim();
            if (!Keys.Contains(key))
                return (null, $"--faults: unknown fault '{key}' (known: {string.Join(", ", Keys)})");
            if (!seen.Add(key))
                return (null, $"--faults: '{key}' is given twice");
            var (next, problem) = Apply(options, key, value);
            if (problem is not null)
                return (null, $"--faults: {problem}");
            options = next!;
        }
        return (options, null);
    }

    private static (FaultOptions? Options, string? Problem) Apply(FaultOptions options, string key, string value)
    {
        switch (key)
        {
            case "write-errors":
                return Fraction(value) is { } rate
                    ? (options with { WriteErrorRate = rate }, null)
                    : (null, $"write-errors must be a fraction 0 to 1 or a percentage like 10%, got '{value}'");
            case "error-codes":
            {
                var codes = new List<int>();
                foreach (var part in value.Split('/', StringSplitOptions.TrimEntries))
                {
                    if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || !FaultOptions.SupportedErrorCodes.Contains(code))
                        return (null, $"error-codes must be some of 409/429/500 separated by '/', got '{value}'");
                    if (!codes.Contains(code))
                        codes.Add(code);
                }
                return (options with { ErrorCodes = codes }, null);
            }
            case "seed":
                return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
                    ? (options with { Seed = seed }, null)
                    : (null, $"seed must be a whole number, got '{value}'");
        }
        if (Duration(value) is not { } duration)
            return (null, $"{key} must be a duration like 500ms, 10s or 1m, got '{value}'");
        if (duration <= TimeSpan.Zero && key != "latency")
            return (null, $"{key} must be longer than 0, got '{value}'");
        return key switch
        {
            "latency" => (options with { Latency = duration }, null),
            "drop-watch" => (options with { WatchLifetime = duration }, null),
            "compact-every" => (options with { CompactEvery = duration }, null),
            _ => (options with { RetryAfter = duration }, null),
        };
    }

    private static double? Fraction(string value)
    {
        var percent = value.EndsWith('%');
        if (!double.TryParse(percent ? value[..^1] : value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return null;
        var fraction = percent ? number / 100 : number;
        return fraction is >= 0 and <= 1 ? fraction : null;
    }

    /// <summary>A whole or decimal number with a unit: ms, s or m.</summary>
    public static TimeSpan? Duration(string value)
    {
        var (digits, scale) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 1.0)
            : value.EndsWith('s') ? (value[..^1], 1000.0)
            : value.EndsWith('m') ? (value[..^1], 60_000.0)
            : (null, 0);
        if (digits is null || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number * scale > TimeSpan.FromDays(1).TotalMilliseconds)
            return null;
        return TimeSpan.FromMilliseconds(number * scale);
    }
}
