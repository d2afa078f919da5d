using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>The string, format, number and enum checks of kube-openapi's validator.</summary>
internal sealed partial class OpenApiValidator
{
    private static readonly ConcurrentDictionary<string, (Regex? Regex, string Error)> Patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// Compiles a schema pattern. Go's RE2 never backtracks; the non-backtracking engine keeps that
    /// guarantee (no catastrophic patterns) and rejects the same look-arounds and backreferences.
    /// </summary>
    internal static (Regex? Regex, string Error) CompilePattern(string pattern) => Patterns.GetOrAdd(pattern, static p =>
    {
        try
        {
            return (new Regex(p, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant), "");
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }
    });

    // The first failing check wins: kube-openapi returns as soon as one fails.
    private static OpenApiResult? CheckString(SchemaNode s, string value, string path)
    {
        long? length = null;
        long Length() => length ??= value.EnumerateRunes().Count();
        if (s.Source.MaxLength is { } max && Length() > max)
            return OpenApiResult.Of(OpenApiError.TooLong(path, max, value));
        if (s.Source.MinLength is { } min && Length() < min)
            return OpenApiResult.Of(OpenApiError.TooShort(path, min, value));
        if (s.Pattern is { } pattern)
        {
            var (regex, error) = CompilePattern(pattern);
            if (regex is null)
                return OpenApiResult.Of(OpenApiError.Pattern(path, $"{pattern}, but pattern is invalid: {error}", value));
            if (!regex.IsMatch(value))
                return OpenApiResult.Of(OpenApiError.Pattern(path, pattern, value));
        }
        return null;
    }

    private static OpenApiResult? CheckFormat(string format, string value, string path) =>
        SchemaFormats.Validates(format, value) ? null : OpenApiResult.Of(OpenApiError.InvalidType(path, format, value));

    private static OpenApiResult CheckNumber(SchemaNode s, string[] types, string format, object value, string path)
    {
        var (typeName, rangeFormat) = (types.Length == 1 ? types[0] : "") switch
        {
            "integer" => ("integer", format is "int32" or "int64" ? format : ""),
            "number" => ("number", format is "float" or "double" ? format : ""),
            _ => ("", ""),
        };
        var asFloat = value is long l ? l : (double)value;
        var result = new OpenApiResult();
        result.Add(CheckRange(value, typeName, rangeFormat, "Checked", path));

        var multiple = new OpenApiResult();
        if (s.Source.MultipleOf is { } factor)
        {
            multiple.Add(CheckRange(factor, typeName, rangeFormat, "MultipleOf", path));
            multiple.Add(multiple.IsValid && value is long whole ? MultipleOfInt(path, whole, (long)factor) : MultipleOfFloat(path, asFloat, factor));
        }
        var minimum = new OpenApiResult();
        if (s.Source.Minimum is { } min)
        {
            var exclusive = s.Source.ExclusiveMinimum == true;
            minimum.Add(CheckRange(min, typeName, rangeFormat, "Minimum boundary", path));
            if (minimum.IsValid && value is long whole)
            {
                // Go compares an integer against int64(minimum), truncating a fractional bound.
                var bound = (long)min;
                if (exclusive ? whole <= bound : whole < bound)
                    minimum.Add(OpenApiError.Minimum(path, bound, exclusive, whole));
            }
            else if (exclusive ? asFloat <= min : asFloat < min)
                minimum.Add(OpenApiError.Minimum(path, min, exclusive, asFloat));
        }
        var maximum = new OpenApiResult();
        if (s.Source.Maximum is { } max)
        {
            var exclusive = s.Source.ExclusiveMaximum == true;
            maximum.Add(CheckRange(max, typeName, rangeFormat, "Maximum boundary", path));
            if (maximum.IsValid && value is long whole)
            {
                var bound = (long)max;
                if (exclusive ? whole >= bound : whole > bound)
                    maximum.Add(OpenApiError.Maximum(path, bound, exclusive, whole));
            }
            else if (exclusive ? asFloat >= max : asFloat > max)
                maximum.Add(OpenApiError.Maximum(path, max, exclusive, asFloat));
        }
        result.Merge(multiple).Merge(minimum).Merge(maximum);
        result.Inc();
        return result;
    }

    // IsValueValidAgainstRange: the value (or a bound) must fit the declared type and format.
    private static OpenApiError? CheckRange(object value, string typeName, string format, string prefix, string path)
    {
        var text = value is long l ? l.ToString(CultureInfo.InvariantCulture) : GoText.FloatF((double)value);
        var fits = typeName switch
        {
            "integer" => format == "int32"
                ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ => format is not ("float" or "float32") || Math.Abs(value is long n ? n : (double)value) <= float.MaxValue,
        };
        if (fits)
            return null;
        return OpenApiError.Plain(format.Length > 0
            ? $"{prefix} value must be of type {typeName} with format {format} in {path}"
            : $"{prefix} value must be of type {typeName} (default format) in {path}");
    }

    private static OpenApiError? MultipleOfInt(string path, long value, long factor)
    {
        if (factor <= 0)
            return OpenApiError.MultipleOfMustBePositive(path, factor);
        return value / factor * factor != value ? OpenApiError.NotMultipleOf(path, factor, value) : null;
    }

    private static OpenApiError? MultipleOfFloat(string path, double value, double factor)
    {
        if (factor <= 0)
            return OpenApiError.MultipleOfMustBePositive(path, factor);
        var ratio = factor < 1 ? 1 / factor * value : value / factor;
        return IsJsonInteger(ratio) ? null : OpenApiError.NotMultipleOf(path, factor, value);
    }

    // basicCommonValidator: an enum entry matches when the value converts to the entry's Go type and
    // is then deep-equal to it (so 1.0 matches 1, and 1.5 matches 1 too: Go truncates on conversion).
    private static OpenApiResult? CheckEnum(SchemaNode s, JsonNode? data, GoKind kind, string path)
    {
        if (s.Enum is not { Count: > 0 } entries)
            return null;
        foreach (var entry in entries)
        {
            if (kind != GoKind.Null && EnumMatches(data!, kind, entry))
                return null;
        }
        return OpenApiResult.Of(OpenApiError.Enum(path, JsonValues.GoValue(data), entries.Select(JsonValues.GoValue).ToList()));
    }

    private static bool EnumMatches(JsonNode data, GoKind kind, JsonNode? entry)
    {
        var entryKind = JsonValues.KindOf(entry);
        return (kind, entryKind) switch
        {
            (_, GoKind.Null) => false,
            (GoKind.Integer, GoKind.Float) => JsonValues.AsLong(data) == JsonValues.AsDouble(entry!),
            (GoKind.Float, GoKind.Integer) => (long)JsonValues.AsDouble(data) == JsonValues.AsLong(entry!),
            (GoKind.Integer, GoKind.String) => IntegerAsRune(JsonValues.AsLong(data)) == JsonValues.AsString(entry!),
            _ when kind == entryKind => JsonValues.DeepEqual(data, entry),
            _ => false,
        };
    }

    // Go's string(int) conversion: the code point, or U+FFFD when there is none.
    private static string IntegerAsRune(long value) =>
        value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";
}
