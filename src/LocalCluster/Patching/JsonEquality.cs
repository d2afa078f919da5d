using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// JSON value equality as RFC 6902 "test" defines it (objects unordered, arrays ordered, numbers
/// by value), also used to match merge keys and primitive list items in strategic merge patch.
/// </summary>
internal static class JsonEquality
{
    /// <summary>A JsonValue can wrap a JSON null element; treat it like the C# null a parsed null becomes.</summary>
    public static bool IsNull([NotNullWhen(false)] JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    public static bool Equal(JsonNode? left, JsonNode? right)
    {
        if (IsNull(left) || IsNull(right))
        {
            return IsNull(left) && IsNull(right);
        }
        var kind = left.GetValueKind();
        if (kind != right.GetValueKind())
        {
            return false;
        }
        return kind switch
        {
            JsonValueKind.Object => ObjectsEqual(left.AsObject(), right.AsObject()),
            JsonValueKind.Array => ArraysEqual(left.AsArray(), right.AsArray()),
            JsonValueKind.String => string.Equals(Text(left), Text(right), StringComparison.Ordinal),
            JsonValueKind.Number => NumbersEqual(left.ToJsonString(), right.ToJsonString()),
            _ => true, // true/true or false/false: the kinds already matched
        };
    }

    private static bool ObjectsEqual(JsonObject left, JsonObject right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }
        foreach (var (key, value) in left)
        {
            if (!right.TryGetPropertyValue(key, out var other) || !Equal(value, other))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ArraysEqual(JsonArray left, JsonArray right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }
        for (var i = 0; i < left.Count; i++)
        {
            if (!Equal(left[i], right[i]))
            {
                return false;
            }
        }
        return true;
    }

    // A value built from a CLR object (not parsed) may not convert to string; its JSON text still compares.
    private static string Text(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString();

    // 1, 1.0 and 1e0 are the same number; decimal keeps integers exact, double covers huge exponents.
    private static bool NumbersEqual(string left, string right)
    {
        if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var r))
        {
            return l == r;
        }
        return double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var ld)
            && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var rd)
            && ld.Equals(rd);
    }
}
