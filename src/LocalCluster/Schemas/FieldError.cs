using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// apimachinery's field.Error: a cause type, a field path, a bad value and a detail, rendered the
/// way the API server renders them ("spec.replicas: Invalid value: -1: ...").
/// </summary>
internal sealed record FieldError(string Type, string Field, object? BadValue, string Detail)
{
    public const string RequiredType = "FieldValueRequired";
    public const string InvalidType = "FieldValueInvalid";
    public const string TypeInvalidType = "FieldValueTypeInvalid";
    public const string NotSupportedType = "FieldValueNotSupported";
    public const string ForbiddenType = "FieldValueForbidden";
    public const string DuplicateType = "FieldValueDuplicate";
    public const string TooLongType = "FieldValueTooLong";
    public const string TooManyType = "FieldValueTooMany";

    /// <summary>Go's nil *field.Path prints as this; the API server really shows it for schema-wide errors.</summary>
    public const string NilPath = "<nil>";

    // field.TooMany with an unknown count leaves the value out entirely.
    private static readonly object OmitValue = new();

    public static FieldError Required(string field, string detail) => new(RequiredType, field, "", detail);

    public static FieldError Forbidden(string field, string detail) => new(ForbiddenType, field, "", detail);

    public static FieldError Invalid(string field, object? value, string detail) => new(InvalidType, field, value, detail);

    public static FieldError TypeInvalid(string field, object? value, string detail) => new(TypeInvalidType, field, value, detail);

    public static FieldError Duplicate(string field, object? value) => new(DuplicateType, field, value, "");

    public static FieldError NotSupported(string field, object? value, IEnumerable<string> supported)
    {
        var quoted = supported.Select(GoText.Quote).ToList();
        return new(NotSupportedType, field, value, quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    public static FieldError TooLong(string field, long max) =>
        new(TooLongType, field, "<value omitted>", max >= 0 ? $"may not be more than {max} {(max == 1 ? "byte" : "bytes")}" : "value is too long");

    public static FieldError TooMany(string field, long actual, long max) =>
        new(TooManyType, field, actual >= 0 ? actual : OmitValue, max >= 0 ? $"must have at most {max} {(max == 1 ? "item" : "items")}" : "has too many items");

    /// <summary>field.Error.ErrorBody: what Status causes carry as their message.</summary>
    public string Body()
    {
        var text = TypeText;
        if (Type is not (RequiredType or ForbiddenType or TooLongType) && !ReferenceEquals(BadValue, OmitValue))
            text += ": " + RenderValue(BadValue);
        return Detail.Length == 0 ? text : text + ": " + Detail;
    }

    public override string ToString() => $"{Field}: {Body()}";

    public ApiErrorCause ToCause() => new(Type, Field, Body());

    private string TypeText => Type switch
    {
        RequiredType => "Required value",
        InvalidType or TypeInvalidType => "Invalid value",
        NotSupportedType => "Unsupported value",
        ForbiddenType => "Forbidden",
        DuplicateType => "Duplicate value",
        TooLongType => "Too long",
        TooManyType => "Too many",
        _ => Type,
    };

    // Go prints strings with %q, int64/float64/bool with %v, and everything else as JSON.
    private static string RenderValue(object? value) => value switch
    {
        string s => GoText.Quote(s),
        long or double or bool => GoText.V(value),
        JsonNode node => GoText.Json(node),
        null => "null",
        _ => GoText.Json(value),
    };
}

/// <summary>field.Path rendering: children joined by dots, map keys and list indexes in brackets.</summary>
internal static class FieldPath
{
    public static string Child(string? parent, string name) => parent is null ? name : parent + "." + name;

    public static string Key(string? parent, string key) => (parent ?? "") + "[" + key + "]";

    public static string Index(string? parent, int index) => (parent ?? "") + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    public static string Render(string? path) => path ?? FieldError.NilPath;
}
