using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Protobuf;

/// <summary>
/// apimachinery types with a custom JSON form: Quantity, IntOrString, Time and FieldsV1.
/// Each decodes its small message and returns what its Go MarshalJSON writes.
/// </summary>
internal static class KnownTypes
{
    /// <summary>resource.Quantity {1: string}. Go clients send the canonical string, which JSON carries as is.</summary>
    public static JsonNode Quantity(ReadOnlySpan<byte> bytes, string path)
    {
        var reader = new ProtoReader(bytes);
        var text = "0"; // an empty message is the zero Quantity, which Go writes as "0"
        while (reader.TryReadTag(out var number, out var wire))
        {
            if (number == 1)
            {
                text = MessageDecoder.Utf8(reader.ReadLengthDelimited(wire, path));
                if (text.Length == 0)
                {
                    // Go's ParseQuantity rejects the empty string while unmarshalling.
                    throw ApiException.BadRequest($"{path}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
                }
            }
            else
            {
                reader.SkipAndCheckZero(wire);
            }
        }
        return text;
    }

    /// <summary>intstr.IntOrString {1: type (0 int, 1 string), 2: intVal, 3: strVal}.</summary>
    public static JsonNode IntOrString(ReadOnlySpan<byte> bytes, string path)
    {
        var reader = new ProtoReader(bytes);
        long type = 0;
        var intVal = 0;
        var strVal = "";
        while (reader.TryReadTag(out var number, out var wire))
        {
            switch (number)
            {
                case 1:
                    type = unchecked((long)reader.ReadVarint(wire, path));
                    break;
                case 2:
                    intVal = unchecked((int)reader.ReadVarint(wire, path));
                    break;
                case 3:
                    strVal = MessageDecoder.Utf8(reader.ReadLengthDelimited(wire, path));
                    break;
                default:
                    reader.SkipAndCheckZero(wire);
                    break;
            }
        }
        return type switch
        {
            0 => intVal,
            1 => strVal,
            _ => throw ApiException.BadRequest($"{path}: impossible IntOrString.Type {type}"),
        };
    }

    /// <summary>
    /// metav1.Time {1: seconds, 2: nanos}. An empty message is the zero time (JSON null); Go
    /// drops nanos when unmarshalling and writes RFC 3339 in UTC at second precision.
    /// </summary>
    public static (JsonNode? Node, bool IsZero) Time(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.IsEmpty)
        {
            return (null, true);
        }
        var reader = new ProtoReader(bytes);
        long seconds = 0;
        while (reader.TryReadTag(out var number, out var wire))
        {
            if (number == 1)
            {
                seconds = unchecked((long)reader.ReadVarint(wire, path));
            }
            else
            {
                reader.SkipAndCheckZero(wire); // nanos (2): ignored, as Go does
            }
        }
        const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
        const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            throw ApiException.BadRequest($"{path}: timestamp {seconds} is outside years 1-9999");
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        // time.Time{} (year 1) is Go's zero time, written as null.
        return seconds == MinSeconds
            ? (null, true)
            : (time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), false);
    }

    /// <summary>metav1.FieldsV1 {1: raw}: the raw bytes are JSON and are embedded as such.</summary>
    public static JsonNode? RawJson(ReadOnlySpan<byte> bytes, string path)
    {
        var reader = new ProtoReader(bytes);
        JsonNode? raw = null;
        while (reader.TryReadTag(out var number, out var wire))
        {
            if (number == 1)
            {
                var json = reader.ReadLengthDelimited(wire, path);
                try
                {
                    raw = JsonNode.Parse(json);
                }
                catch (JsonException e)
                {
                    throw ApiException.BadRequest($"{path}: invalid JSON in FieldsV1: {e.Message}");
                }
            }
            else
            {
                reader.SkipAndCheckZero(wire);
            }
        }
        return raw;
    }
}
