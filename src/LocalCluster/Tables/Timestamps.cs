using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kruise.Actors.LocalCluster.Tables;

/// <summary>RFC 3339 timestamps as Kubernetes writes them, and the ages printed from them.</summary>
internal static partial class Timestamps
{
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    /// <summary>Parses RFC 3339 (Go's time.RFC3339: optional fraction of up to nine digits, Z or an offset).</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        var match = text is null ? null : Rfc3339().Match(text);
        if (match is not { Success: true })
            return false;
        // .NET parses at most seven fractional digits; Kubernetes' MicroTime has six, Go allows nine.
        var fraction = match.Groups[3].Success ? match.Groups[3].Value[..Math.Min(8, match.Groups[3].Value.Length)] : "";
        var offset = match.Groups[4].Value is "Z" or "z" ? "+00:00" : match.Groups[4].Value;
        return DateTimeOffset.TryParse($"{match.Groups[1].Value}T{match.Groups[2].Value}{fraction}{offset}",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static DateTimeOffset? Parse(JsonNode? node) =>
        TryParse(JsonRead.AsString(node), out var value) ? value : null;

    /// <summary>The age column: HumanDuration since the timestamp, "&lt;unknown&gt;" when it is unset.</summary>
    public static string Since(DateTimeOffset now, DateTimeOffset? timestamp) =>
        timestamp is { } t ? HumanDuration.Format(now - t) : "<unknown>";

    public static string Since(DateTimeOffset now, JsonNode? timestamp) => Since(now, Parse(timestamp));
}
