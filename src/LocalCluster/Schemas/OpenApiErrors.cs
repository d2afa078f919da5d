namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>kube-openapi's error codes; Composite and Plain are errors that carry no field.</summary>
internal enum OpenApiCode
{
    Composite,
    Plain,
    InvalidType,
    Required,
    TooLong,
    TooShort,
    Pattern,
    Enum,
    MultipleOf,
    Max,
    Min,
    Unique,
    MaxItems,
    MinItems,
    TooFewProperties,
    TooManyProperties,
    UnallowedProperty,
    MultipleOfMustBePositive,
}

/// <summary>
/// One kube-openapi validation error (errors.Validation): Name is the openapi path of the value
/// ("spec.replicas"), Message the full English sentence. Value/Valid/Values feed the conversion to
/// field errors the way apiextensions' kubeOpenAPIResultToFieldErrors does.
/// </summary>
internal sealed record OpenApiError(OpenApiCode Code, string Message, string Name = "", object? Value = null, long? Valid = null, IReadOnlyList<object?>? Values = null)
{
    private const string In = "body";

    public static OpenApiError InvalidType(string name, string typeName, string value) =>
        new(OpenApiCode.InvalidType, $"{name} in {In} must be of type {typeName}: {GoText.Quote(value)}", name, value);

    public static OpenApiError Required(string name) => new(OpenApiCode.Required, $"{name} in {In} is required", name);

    public static OpenApiError TooLong(string name, long max, string value) =>
        new(OpenApiCode.TooLong, $"{name} in {In} should be at most {max} chars long", name, value, max);

    public static OpenApiError TooShort(string name, long min, string value) =>
        new(OpenApiCode.TooShort, $"{name} in {In} should be at least {min} chars long", name, value, min);

    public static OpenApiError Pattern(string name, string pattern, string value) =>
        new(OpenApiCode.Pattern, $"{name} in {In} should match '{pattern}'", name, value);

    public static OpenApiError Enum(string name, object? value, IReadOnlyList<object?> values) =>
        new(OpenApiCode.Enum, $"{name} in {In} should be one of [{string.Join(" ", values.Select(v => v is null ? "<nil>" : v is string s ? s : GoText.Json(v)))}]", name, value, null, values);

    public static OpenApiError Maximum(string name, object max, bool exclusive, object value) =>
        new(OpenApiCode.Max, $"{name} in {In} should be less than {(exclusive ? "" : "or equal to ")}{GoText.V(max)}", name, value);

    public static OpenApiError Minimum(string name, object min, bool exclusive, object value) =>
        new(OpenApiCode.Min, $"{name} in {In} should be greater than {(exclusive ? "" : "or equal to ")}{GoText.V(min)}", name, value);

    public static OpenApiError NotMultipleOf(string name, object factor, object value) =>
        new(OpenApiCode.MultipleOf, $"{name} in {In} should be a multiple of {GoText.V(factor)}", name, value);

    public static OpenApiError MultipleOfMustBePositive(string name, object factor) =>
        new(OpenApiCode.MultipleOfMustBePositive, $"factor MultipleOf declared for {name} must be positive: {GoText.V(factor)}", name, factor);

    public static OpenApiError DuplicateItems(string name) => new(OpenApiCode.Unique, $"{name} in {In} shouldn't contain duplicates", name);

    public static OpenApiError TooManyItems(string name, long max, long size) =>
        new(OpenApiCode.MaxItems, $"{name} in {In} should have at most {max} items", name, size, max);

    public static OpenApiError TooFewItems(string name, long min, long size) =>
        new(OpenApiCode.MinItems, $"{name} in {In} should have at least {min} items", name, size, min);

    public static OpenApiError TooFewProperties(string name, long min, long size) =>
        new(OpenApiCode.TooFewProperties, $"{name} in {In} should have at least {min} properties", name, size, min);

    public static OpenApiError TooManyProperties(string name, long max, long size) =>
        new(OpenApiCode.TooManyProperties, $"{name} in {In} should have at most {max} properties", name, size, max);

    public static OpenApiError PropertyNotAllowed(string name, string key) =>
        new(OpenApiCode.UnallowedProperty, $"{name}.{key} in {In} is a forbidden property", name, key);

    public static OpenApiError Composite(string message) => new(OpenApiCode.Composite, message);

    public static OpenApiError Plain(string message) => new(OpenApiCode.Plain, message);

    /// <summary>
    /// apiextensions' kubeOpenAPIResultToFieldErrors: the openapi path becomes the field (under
    /// <paramref name="fieldPath"/>); errors without a field land on <paramref name="fieldPath"/> itself,
    /// which for a whole custom resource is Go's nil path, printed "&lt;nil&gt;".
    /// </summary>
    public FieldError ToFieldError(string? fieldPath)
    {
        if (Code is OpenApiCode.Composite or OpenApiCode.Plain)
            return FieldError.Invalid(FieldPath.Render(fieldPath), "", Message);
        var path = fieldPath;
        if (Name.Length > 0 && Name != ".")
            path = FieldPath.Child(fieldPath, Name.StartsWith('.') ? Name[1..] : Name);
        var field = FieldPath.Render(path);
        return Code switch
        {
            OpenApiCode.Required => FieldError.Required(field, ""),
            OpenApiCode.Enum => FieldError.NotSupported(field, Value, Values!.Select(v => v as string ?? GoText.Json(v))),
            OpenApiCode.TooLong => FieldError.TooLong(field, Valid ?? -1),
            OpenApiCode.MaxItems or OpenApiCode.TooManyProperties => FieldError.TooMany(field, Value is long actual ? actual : -1, Valid ?? -1),
            OpenApiCode.InvalidType => FieldError.TypeInvalid(field, Value ?? "", Message),
            _ => FieldError.Invalid(field, Value ?? "", Message),
        };
    }
}

/// <summary>kube-openapi's validate.Result: errors deduplicated by message, and a count of checks that passed.</summary>
internal sealed class OpenApiResult
{
    public List<OpenApiError> Errors { get; } = [];

    /// <summary>Picks which anyOf/oneOf branch's errors are reported: the one that got furthest.</summary>
    public int MatchCount { get; private set; }

    public bool IsValid => Errors.Count == 0;

    public static OpenApiResult Of(OpenApiError error)
    {
        var result = new OpenApiResult();
        result.Add(error);
        return result;
    }

    public void Add(OpenApiError? error)
    {
        if (error is not null && !Errors.Exists(e => e.Message == error.Message))
            Errors.Add(error);
    }

    public OpenApiResult Merge(OpenApiResult? other)
    {
        if (other is not null)
        {
            foreach (var error in other.Errors)
                Add(error);
            MatchCount += other.MatchCount;
        }
        return this;
    }

    public void Inc() => MatchCount++;
}
