using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// kube-openapi's SchemaValidator over a schema node, reproducing its behaviour because clients see
/// its sentences: each node runs the type, junctor (allOf/anyOf/oneOf/not), string, format, number,
/// array, enum and object checks that apply to the value's kind, in that order, and every check
/// that applies runs even after another failed.
/// </summary>
/// <param name="intOrStringTypes">
/// Custom resources are validated through ConvertJSONSchemaProps, which turns x-kubernetes-int-or-string
/// into type [integer, string] and drops unsupported formats; defaults in a CRD are validated through
/// the structural schema's ToKubeOpenAPI, which does neither.
/// </param>
internal sealed partial class OpenApiValidator(bool intOrStringTypes)
{
    public static OpenApiValidator CustomResource { get; } = new(intOrStringTypes: true);

    public static OpenApiValidator Defaults { get; } = new(intOrStringTypes: false);

    private static readonly string[] IntOrStringTypes = ["integer", "string"];

    public OpenApiResult Validate(SchemaNode? s, JsonNode? data, string path)
    {
        var result = new OpenApiResult();
        if (s is null)
            return result;
        var types = TypesOf(s);
        var format = FormatOf(s, types);
        var kind = JsonValues.KindOf(data);
        if (kind == GoKind.Null)
        {
            // Only the type and enum checks look at a null.
            result.Merge(CheckType(types, format, s.Nullable, data, kind, path));
            result.Merge(CheckEnum(s, data, kind, path));
            return result;
        }
        if (types.Length > 0 || format.Length > 0)
            Run(result, CheckType(types, format, s.Nullable, data, kind, path));
        Run(result, CheckJunctors(s, data, path));
        if (kind == GoKind.String)
            Run(result, CheckString(s, JsonValues.AsString(data!), path));
        if (kind == GoKind.String && SchemaFormats.IsKnown(format))
            Run(result, CheckFormat(format, JsonValues.AsString(data!), path));
        if (kind is GoKind.Integer or GoKind.Float)
            Run(result, CheckNumber(s, types, format, JsonValues.GoValue(data)!, path));
        if (kind == GoKind.Array)
            Run(result, CheckArray(s, (JsonArray)data!, path));
        Run(result, CheckEnum(s, data, kind, path));
        if (kind == GoKind.Object)
            Run(result, CheckObject(s, (JsonObject)data!, path));
        result.Inc();
        return result;
    }

    private static void Run(OpenApiResult result, OpenApiResult? check)
    {
        result.Merge(check);
        result.Inc();
    }

    private string[] TypesOf(SchemaNode s) =>
        intOrStringTypes && s.IntOrString ? IntOrStringTypes : s.Type is null ? [] : [s.Type];

    // StripUnsupportedFormatsPostProcessor: custom resources only see formats their type supports.
    private string FormatOf(SchemaNode s, string[] types)
    {
        var format = s.Format ?? "";
        if (!intOrStringTypes || format.Length == 0)
            return format;
        return (types.Length == 1 ? types[0] : "") switch
        {
            "" or "string" => SchemaFormats.IsKnown(format) ? format : "",
            "integer" => format is "int32" or "int64" ? format : "",
            "number" => format is "float" or "double" ? format : "",
            _ => "",
        };
    }

    private static OpenApiResult CheckType(string[] types, string format, bool nullable, JsonNode? data, GoKind kind, string path)
    {
        var result = new OpenApiResult();
        result.Inc();
        if (kind == GoKind.Null)
        {
            if (types.Length > 0 && !types.Contains("null") && !nullable)
                return OpenApiResult.Of(OpenApiError.InvalidType(path, string.Join(",", types), "null"));
            return result;
        }
        var (schemaType, valueFormat) = kind switch
        {
            GoKind.Integer => ("integer", "int64"),
            GoKind.Float => ("number", "float64"),
            GoKind.String => ("string", ""),
            GoKind.Bool => ("boolean", ""),
            GoKind.Array => ("array", ""),
            _ => ("object", ""),
        };
        var isFloatInt = schemaType == "number" && IsJsonInteger(JsonValues.AsDouble(data!)) && types.Contains("integer");
        var isIntFloat = schemaType == "integer" && types.Contains("number");
        var textual = kind is GoKind.String or GoKind.Array;
        if (!textual && format.Length > 0 && !(types.Contains(schemaType) || valueFormat == format || isFloatInt || isIntFloat))
            return OpenApiResult.Of(OpenApiError.InvalidType(path, format, valueFormat));
        if (!(types.Contains("number") || types.Contains("integer")) && format.Length > 0 && textual)
            return result;
        if (!(types.Contains(schemaType) || isFloatInt || isIntFloat))
            return OpenApiResult.Of(OpenApiError.InvalidType(path, string.Join(",", types), schemaType));
        return result;
    }

    private OpenApiResult CheckJunctors(SchemaNode s, JsonNode? data, string path)
    {
        var main = new OpenApiResult();
        if (s.AnyOf.Count > 0)
        {
            OpenApiResult? best = null;
            OpenApiResult? firstSuccess = null;
            foreach (var branch in s.AnyOf)
            {
                var result = Validate(branch, data, path);
                if (result.IsValid)
                {
                    best = null;
                    firstSuccess = result;
                    break;
                }
                if (best is null || result.MatchCount > best.MatchCount)
                    best = result;
            }
            if (firstSuccess is null)
                main.Add(OpenApiError.Composite($"{GoText.Quote(path)} must validate at least one schema (anyOf)"));
            main.Merge(best ?? firstSuccess);
        }
        if (s.OneOf.Count > 0)
        {
            OpenApiResult? best = null;
            OpenApiResult? firstSuccess = null;
            var validated = 0;
            foreach (var branch in s.OneOf)
            {
                var result = Validate(branch, data, path);
                if (result.IsValid)
                {
                    validated++;
                    best = null;
                    firstSuccess ??= result;
                    continue;
                }
                if (validated == 0 && (best is null || result.MatchCount > best.MatchCount))
                    best = result;
            }
            if (validated != 1)
            {
                var found = validated == 0 ? "Found none valid" : $"Found {validated} valid alternatives";
                main.Add(OpenApiError.Composite($"{GoText.Quote(path)} must validate one and only one schema (oneOf). {found}"));
                main.Merge(best);
            }
            else
                main.Merge(firstSuccess);
        }
        if (s.AllOf.Count > 0)
        {
            var validated = 0;
            foreach (var branch in s.AllOf)
            {
                var result = Validate(branch, data, path);
                if (result.IsValid)
                    validated++;
                main.Merge(result);
            }
            if (validated != s.AllOf.Count)
                main.Add(OpenApiError.Composite($"{GoText.Quote(path)} must validate all the schemas (allOf){(validated == 0 ? ". None validated" : "")}"));
        }
        if (s.Not is not null && Validate(s.Not, data, path).IsValid)
            main.Add(OpenApiError.Composite($"{GoText.Quote(path)} must not validate the schema (not)"));
        main.Inc();
        return main;
    }

    private OpenApiResult CheckArray(SchemaNode s, JsonArray list, string path)
    {
        var result = new OpenApiResult();
        if (s.Items is not null)
        {
            for (var i = 0; i < list.Count; i++)
                result.Merge(Validate(s.Items, list[i], $"{path}[{i}]"));
        }
        if (s.Source.MinItems is { } min && list.Count < min)
            result.Add(OpenApiError.TooFewItems(path, min, list.Count));
        if (s.Source.MaxItems is { } max && list.Count > max)
            result.Add(OpenApiError.TooManyItems(path, max, list.Count));
        if (s.Source.UniqueItems == true && HasDuplicates(list))
            result.Add(OpenApiError.DuplicateItems(path));
        result.Inc();
        return result;
    }

    private static bool HasDuplicates(JsonArray list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (JsonValues.DeepEqual(list[i], list[j]))
                    return true;
            }
        }
        return false;
    }

    private OpenApiResult CheckObject(SchemaNode s, JsonObject map, string path)
    {
        var result = new OpenApiResult();
        var count = map.Count;
        if (s.Source.MinProperties is { } min && count < min)
            result.Add(OpenApiError.TooFewProperties(path, min, count));
        if (s.Source.MaxProperties is { } max && count > max)
            result.Add(OpenApiError.TooManyProperties(path, max, count));
        if (s.AdditionalPropertiesKind == SlotKind.False)
        {
            foreach (var (key, _) in map)
            {
                if (s.Property(key) is null)
                    result.Add(OpenApiError.PropertyNotAllowed(path, key));
            }
        }
        else if (s.AdditionalProperties is not null)
        {
            foreach (var (key, value) in map)
            {
                if (s.Property(key) is null)
                    result.Merge(Validate(s.AdditionalProperties, value, path + "." + key));
            }
        }
        foreach (var (name, property) in s.Properties)
        {
            if (map.TryGetPropertyValue(name, out var value))
                result.Merge(Validate(property, value, path.Length == 0 ? name : path + "." + name));
        }
        foreach (var name in s.Required)
        {
            if (!map.ContainsKey(name))
                result.Add(OpenApiError.Required(path + "." + name));
        }
        return result;
    }

    // swag.IsFloat64AJSONInteger: whole within ±(2^53-1), or within a relative 1e-9 of a whole number.
    internal static bool IsJsonInteger(double f)
    {
        const double maxJson = 9007199254740991d;
        if (!double.IsFinite(f) || f < -maxJson || f > maxJson)
            return false;
        var whole = Math.Truncate(f);
        if (f == whole)
            return true;
        if (whole == 0)
            return false;
        return Math.Abs(f - whole) / (Math.Abs(f) + Math.Abs(whole)) < 1e-9;
    }
}
