using System.Globalization;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Scheduling;

/// <summary>
/// Kubernetes resource quantities ("100m", "1.5Gi", "2e3") read as the scheduler reads them:
/// cpu in millicores, everything else in whole units, both rounded up as Quantity.MilliValue and
/// Quantity.Value do. Text that is no quantity reads as zero (the apiserver refuses it anyway).
/// </summary>
public static class Quantities
{
    public static long Milli(string text) => Scaled(text, 1000m);

    public static long Units(string text) => Scaled(text, 1m);

    /// <summary>cpu in millicores, any other resource in units.</summary>
    public static long For(string resource, string text) => resource == ResourceNames.Cpu ? Milli(text) : Units(text);

    /// <summary>A quantity as the API holds it: a string, or a bare number some clients send.</summary>
    public static long For(string resource, JsonNode? node) => node switch
    {
        JsonValue value when JsonRead.AsString(value) is { } text => For(resource, text),
        JsonValue value when JsonRead.AsNumber(value) is { } number => For(resource, number.Value.ToString(CultureInfo.InvariantCulture)),
        _ => 0,
    };

    private static long Scaled(string text, decimal unit)
    {
        if (Parse(text) is not { } value)
            return 0;
        try
        {
            return (long)Math.Ceiling(value * unit);
        }
        catch (OverflowException)
        {
            return value < 0 ? long.MinValue : long.MaxValue;
        }
    }

    /// <summary>The quantity's value, or null when <paramref name="text"/> is no quantity.</summary>
    public static decimal? Parse(string text)
    {
        text = text.Trim();
        var end = 0;
        if (end < text.Length && text[end] is '+' or '-')
            end++;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
            end++;
        if (!decimal.TryParse(text[..end], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return null;
        var multiplier = Multiplier(text[end..]);
        if (multiplier is null)
            return null;
        try
        {
            return number * multiplier.Value;
        }
        catch (OverflowException)
        {
            return number < 0 ? decimal.MinValue : decimal.MaxValue;
        }
    }

    private static decimal? Multiplier(string suffix)
    {
        switch (suffix)
        {
            case "": return 1m;
            case "n": return 0.000000001m;
            case "u": return 0.000001m;
            case "m": return 0.001m;
            case "k": return 1e3m;
            case "M": return 1e6m;
            case "G": return 1e9m;
            case "T": return 1e12m;
            case "P": return 1e15m;
            case "E": return 1e18m;
            case "Ki": return 1024m;
            case "Mi": return 1024m * 1024;
            case "Gi": return 1024m * 1024 * 1024;
            case "Ti": return 1024m * 1024 * 1024 * 1024;
            case "Pi": return 1024m * 1024 * 1024 * 1024 * 1024;
            case "Ei": return 1024m * 1024 * 1024 * 1024 * 1024 * 1024;
        }
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && exponent is >= -28 and <= 28)
        {
            var result = 1m;
            for (var i = 0; i < Math.Abs(exponent); i++)
                result = exponent > 0 ? result * 10 : result / 10;
            return result;
        }
        return null;
    }
}
