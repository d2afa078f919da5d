using k8s.Models;
using Kruise.Actors.Crds.Common;

namespace Kruise.Actors.Crds.Validation;

/// <summary>Field checks: enums, lower bounds, images, plain integers, map keys, unique names.</summary>
public static partial class CommonValidation
{
    /// <summary>A set string must be one of the allowed values (unset passes: defaulting fills it).</summary>
    public static void OneOf(string path, string? value, IReadOnlyList<string> allowed, List<FieldError> errors)
    {
        if (value is not null && !allowed.Contains(value))
            errors.Add(new(path, $"unsupported value \"{value}\": must be one of {string.Join(", ", allowed)}"));
    }

    public static void AtLeast(string path, long? value, long minimum, List<FieldError> errors)
    {
        if (value < minimum)
            errors.Add(new(path, $"must be >= {minimum}"));
    }

    /// <summary>A required, well-formed container image reference ("nginx:1.25", "registry:5000/team/app@sha256:...").</summary>
    public static void Image(string path, string? image, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(image))
            errors.Add(new(path, "is required"));
        else if (!ImageReferences.TryParse(image, out _, out var why))
            errors.Add(new(path, $"invalid value \"{image}\": {why}"));
    }

    /// <summary>An int-or-string that must hold a non-negative integer; percentages are not accepted.</summary>
    public static void NonNegativeInteger(string path, IntOrString? value, List<FieldError> errors)
    {
        if (value is null)
            return;
        if (!IntOrStringValues.TryParse(value, out var number, out var isPercent))
            errors.Add(new(path, $"invalid value \"{value.Value}\": must be an integer"));
        else if (isPercent)
            errors.Add(new(path, $"invalid value \"{value.Value}\": must be an integer, not a percentage"));
        else if (number < 0)
            errors.Add(new(path, "must be >= 0"));
    }

    /// <summary>The path of a map entry, as Kubernetes writes it: spec.images[nginx].</summary>
    public static string Key(string path, string key) => $"{path}[{key}]";

    /// <summary>
    /// Each name must be non-empty and appear once; errors name the offending index, followed by
    /// <paramref name="suffix"/> when the names are a field of list items (".name").
    /// </summary>
    public static void UniqueNames(string path, IEnumerable<string?>? names, List<FieldError> errors, string suffix = "")
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in names ?? [])
        {
            var at = $"{path}[{index++}]{suffix}";
            if (string.IsNullOrEmpty(name))
                errors.Add(new(at, "must not be empty"));
            else if (!seen.Add(name))
                errors.Add(new(at, $"duplicate value \"{name}\""));
        }
    }
}
