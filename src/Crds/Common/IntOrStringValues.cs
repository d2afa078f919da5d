using System.Globalization;
using k8s.Models;

namespace Kruise.Actors.Crds.Common;

/// <summary>
/// Reading Kubernetes int-or-string fields ("3" or "20%"): the one place that parses them,
/// for validation now and for the planners later.
/// </summary>
public static class IntOrStringValues
{
    /// <summary>True for a percentage such as "20%".</summary>
    public static bool IsPercent(IntOrString value) => value.Value?.EndsWith('%') == true;

    /// <summary>Parses an int or "N%" into (number, isPercent); false for anything else.</summary>
    public static bool TryParse(IntOrString? value, out int number, out bool isPercent)
    {
        number = 0;
        isPercent = false;
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
            return false;
        if (text.EndsWith('%'))
        {
            isPercent = true;
            text = text[..^1];
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>True for a well-formed value other than 0 or "0%"; unset and malformed values are not.</summary>
    public static bool IsNonZero(IntOrString? value) =>
        TryParse(value, out var number, out _) && number != 0;

    /// <summary>
    /// Resolves against a total: ints as they are, percentages scaled and rounded up or down,
    /// as Kubernetes does for maxSurge (up) and maxUnavailable (down).
    /// </summary>
    public static int Scaled(IntOrString? value, int total, bool roundUp, int fallback = 0)
    {
        if (!TryParse(value, out var number, out var isPercent))
            return fallback;
        if (!isPercent)
            return number;
        var exact = (double)number * total / 100.0;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }
}
