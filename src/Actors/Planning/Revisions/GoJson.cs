using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.Planning.Revisions;

/// <summary>
/// Writes JSON exactly as Go's encoding/json marshals a map[string]interface{}: compact, object
/// keys sorted, and Go's HTML-safe string escaping. Revision hashes are taken over these bytes, so
/// a revision hashes the same here as in OpenKruise for the same template.
/// </summary>
public static class GoJson
{
    private const string Hex = "0123456789abcdef";

    public static string Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder output, JsonNode? node)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                output.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                        output.Append(',');
                    first = false;
                    WriteString(output, key);
                    output.Append(':');
                    Write(output, value);
                }
                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        output.Append(',');
                    Write(output, array[i]);
                }
                output.Append(']');
                break;
            default:
                WriteValue(output, node.AsValue());
                break;
        }
    }

    private static void WriteValue(StringBuilder output, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(output, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                output.Append(FormatNumber(value));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    // Go decodes numbers of an untyped map as float64 and prints integral values without a fraction.
    private static string FormatNumber(JsonValue value)
    {
        var text = value.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer.ToString(CultureInfo.InvariantCulture);
        var number = double.Parse(text, CultureInfo.InvariantCulture);
        if (number == Math.Floor(number) && Math.Abs(number) < 1e21)
            return number.ToString("0", CultureInfo.InvariantCulture);
        return number.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void WriteString(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\b':
                    output.Append("\\b");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    AppendUnicodeEscape(output, c);
                    break;
                default:
                    if (c < 0x20)
                        AppendUnicodeEscape(output, c);
                    else
                        output.Append(c);
                    break;
            }
        }
        output.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder output, char c) =>
        output.Append("\\u").Append(Hex[(c >> 12) & 0xF]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
}
