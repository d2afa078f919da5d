using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// Go's text renderings that end up in API server messages: %q (strconv.Quote), %v of numbers,
/// and encoding/json output (sorted keys, Go's float and escape rules). Clients compare these
/// messages verbatim, so they must match byte for byte.
/// </summary>
internal static class GoText
{
    /// <summary>strconv.Quote.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    else if (rune.Value != ' ' && !IsPrintable(rune))
                        sb.Append(rune.Value <= 0xffff ? $"\\u{rune.Value:x4}" : $"\\U{rune.Value:x8}");
                    else
                        sb.Append(rune.ToString());
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.SpaceSeparator);

    /// <summary>fmt's %v of a float64: shortest digits, exponent form below 1e-4 and from 1e6 on ("1e+06").</summary>
    public static string FloatV(double value)
    {
        if (!double.IsFinite(value))
            return double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        var (negative, digits, point) = ShortestDigits(value);
        var exponent = point - 1;
        var text = digits == "0" ? "0" : exponent < -4 || exponent >= 6 ? Exponential(digits, exponent, twoDigitExponent: true) : Fixed(digits, point);
        return negative ? "-" + text : text;
    }

    /// <summary>strconv.FormatFloat(v, 'f', -1, 64).</summary>
    public static string FloatF(double value)
    {
        var (negative, digits, point) = ShortestDigits(value);
        var text = digits == "0" ? "0" : Fixed(digits, point);
        return negative ? "-" + text : text;
    }

    /// <summary>%v of a decoded JSON scalar or count.</summary>
    public static string V(object value) => value switch
    {
        double d => FloatV(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>encoding/json.Marshal of a decoded value (map keys sorted).</summary>
    public static string Json(object? value)
    {
        var sb = new StringBuilder();
        WriteJson(sb, value is JsonNode or null ? (JsonNode?)value : JsonValues.ToNode(value));
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, JsonNode? node)
    {
        switch (JsonValues.KindOf(node))
        {
            case GoKind.Null: sb.Append("null"); break;
            case GoKind.Bool: sb.Append(node!.GetValue<bool>() ? "true" : "false"); break;
            case GoKind.Integer: sb.Append(JsonValues.AsLong(node!).ToString(CultureInfo.InvariantCulture)); break;
            case GoKind.Float: sb.Append(JsonFloat(JsonValues.AsDouble(node!))); break;
            case GoKind.String: JsonString(sb, JsonValues.AsString(node!)); break;
            case GoKind.Array:
                sb.Append('[');
                var array = (JsonArray)node!;
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    WriteJson(sb, array[i]);
                }
                sb.Append(']');
                break;
            default:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in ((JsonObject)node!).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                        sb.Append(',');
                    first = false;
                    JsonString(sb, key);
                    sb.Append(':');
                    WriteJson(sb, value);
                }
                sb.Append('}');
                break;
        }
    }

    private static string JsonFloat(double value)
    {
        var (negative, digits, point) = ShortestDigits(value);
        var abs = Math.Abs(value);
        string text;
        if (digits == "0")
            text = "0";
        else if (abs < 1e-6 || abs >= 1e21)
            text = Exponential(digits, point - 1, twoDigitExponent: false);
        else
            text = Fixed(digits, point);
        return negative ? "-" + text : text;
    }

    private static void JsonString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    if (c < 0x20)
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    // Shortest round-trip digits of |value| with the decimal point position: value = 0.DIGITS × 10^point.
    private static (bool Negative, string Digits, int Point) ShortestDigits(double value)
    {
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? text[..dot] : text;
        var digits = intPart + (dot >= 0 ? text[(dot + 1)..] : "");
        var point = intPart.Length + exponent;
        var trimmed = digits.TrimStart('0');
        point -= digits.Length - trimmed.Length;
        trimmed = trimmed.TrimEnd('0');
        return (value < 0 || (value == 0 && double.IsNegative(value)), trimmed.Length == 0 ? "0" : trimmed, point);
    }

    private static string Fixed(string digits, int point)
    {
        if (point <= 0)
            return "0." + new string('0', -point) + digits;
        if (point >= digits.Length)
            return digits + new string('0', point - digits.Length);
        return digits[..point] + "." + digits[point..];
    }

    private static string Exponential(string digits, int exponent, bool twoDigitExponent)
    {
        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        var magnitude = Math.Abs(exponent).ToString(twoDigitExponent ? "00" : "0", CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{magnitude}";
    }
}
