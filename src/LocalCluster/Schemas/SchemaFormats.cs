using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// The string formats a CRD schema may declare and their checks (kube-openapi strfmt, as limited by
/// apiextensions' supported-format list). Names are normalized like go-openapi does: dashes dropped,
/// so "date-time" and "datetime" are one format. Unlisted formats are ignored, as the server ignores them.
/// </summary>
internal static partial class SchemaFormats
{
    private static readonly Dictionary<string, Func<string, bool>> Checks = new(StringComparer.Ordinal)
    {
        ["bsonobjectid"] = s => BsonObjectId().IsMatch(s),
        ["uri"] = s => Uri.TryCreate(s, UriKind.Absolute, out _) || (s.StartsWith('/') && !s.Contains(' ', StringComparison.Ordinal)),
        ["email"] = s => Email().IsMatch(s),
        ["hostname"] = s => Hostname().IsMatch(s),
        ["ipv4"] = s => IPAddress.TryParse(s, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && s.Count(c => c == '.') == 3,
        ["ipv6"] = s => IPAddress.TryParse(s, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        ["cidr"] = IsCidr,
        ["mac"] = s => Mac().IsMatch(s),
        ["uuid"] = s => Uuid().IsMatch(s),
        ["uuid3"] = s => Uuid3().IsMatch(s),
        ["uuid4"] = s => Uuid4().IsMatch(s),
        ["uuid5"] = s => Uuid5().IsMatch(s),
        ["isbn"] = s => IsIsbn10(s) || IsIsbn13(s),
        ["isbn10"] = IsIsbn10,
        ["isbn13"] = IsIsbn13,
        ["creditcard"] = s => CreditCard().IsMatch(NonDigits().Replace(s, "")),
        ["ssn"] = s => Ssn().IsMatch(s),
        ["hexcolor"] = s => HexColor().IsMatch(s),
        ["rgbcolor"] = s => RgbColor().IsMatch(s),
        ["byte"] = IsBase64,
        ["password"] = _ => true,
        ["date"] = s => DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        ["duration"] = s => Duration().IsMatch(s),
        ["datetime"] = IsDateTime,
        ["k8sshortname"] = s => s.Length <= 63 && ShortName().IsMatch(s),
        ["k8slongname"] = s => s.Length <= 253 && LongName().IsMatch(s),
    };

    public static string Normalize(string format) => format.Replace("-", "", StringComparison.Ordinal);

    public static bool IsKnown(string format) => Checks.ContainsKey(Normalize(format));

    public static bool Validates(string format, string value) => !Checks.TryGetValue(Normalize(format), out var check) || check(value);

    // strfmt.IsDateTime: an RFC 3339 full-date, a "t", then hh:mm:ss[.frac] and z or ±hh:mm (case-insensitive).
    private static bool IsDateTime(string value)
    {
        if (value.Length < 4)
            return false;
        var parts = value.ToLowerInvariant().Split('t');
        if (parts.Length < 2 || !DateTime.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return false;
        var match = TimeOfDay().Match(parts[1]);
        return match.Success
            && string.CompareOrdinal(match.Groups[1].Value, "23") <= 0
            && string.CompareOrdinal(match.Groups[2].Value, "59") <= 0
            && string.CompareOrdinal(match.Groups[3].Value, "59") <= 0;
    }

    private static bool IsCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(value[..slash], out var ip) || !int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
            return false;
        return bits <= (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    private static bool IsIsbn10(string value)
    {
        var s = value.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!Isbn10().IsMatch(s))
            return false;
        var sum = 0;
        for (var i = 0; i < 9; i++)
            sum += (i + 1) * (s[i] - '0');
        sum += s[9] is 'X' ? 100 : 10 * (s[9] - '0');
        return sum % 11 == 0;
    }

    private static bool IsIsbn13(string value)
    {
        var s = value.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!Isbn13().IsMatch(s))
            return false;
        var sum = 0;
        for (var i = 0; i < 12; i++)
            sum += (i % 2 == 0 ? 1 : 3) * (s[i] - '0');
        return (10 - (sum % 10)) % 10 == s[12] - '0';
    }

    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex BsonObjectId();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$")]
    private static partial Regex Hostname();

    [GeneratedRegex("^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\\.){2}[0-9A-Fa-f]{4}$|^([0-9A-Fa-f]{2}[:-]){7}[0-9A-Fa-f]{2}$")]
    private static partial Regex Mac();

    [GeneratedRegex("^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid();

    [GeneratedRegex("^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid3();

    [GeneratedRegex("^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid4();

    [GeneratedRegex("^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid5();

    [GeneratedRegex("^[0-9]{9}[0-9X]$")]
    private static partial Regex Isbn10();

    [GeneratedRegex("^[0-9]{13}$")]
    private static partial Regex Isbn13();

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigits();

    [GeneratedRegex(@"^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35[0-9]{3})[0-9]{11})$")]
    private static partial Regex CreditCard();

    [GeneratedRegex("^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}$")]
    private static partial Regex Ssn();

    [GeneratedRegex("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColor();

    [GeneratedRegex(@"^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$")]
    private static partial Regex RgbColor();

    // time.ParseDuration units, or the Scala-style "<n> <unit>" strfmt also accepts.
    [GeneratedRegex(@"^([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$|^0$|^[0-9]+\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)$")]
    private static partial Regex Duration();

    [GeneratedRegex("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ShortName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex LongName();
}
