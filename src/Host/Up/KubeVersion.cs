using System.Globalization;

namespace Kruise.Actors.Host.Up;

/// <summary>The Kubernetes version `up` reports, written "1.32" or "32".</summary>
public static class KubeVersion
{
    /// <summary>The minors the embedded server has been tried with (kubectl 1.27 to 1.33 work against it).</summary>
    public const int OldestMinor = 27;
    public const int NewestMinor = 33;

    /// <summary>The minor ("32") of "1.32" or "32"; null for anything else.</summary>
    public static string? Minor(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.StartsWith("1.", StringComparison.Ordinal))
            value = value[2..];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor) && minor is >= OldestMinor and <= NewestMinor
            ? minor.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    public static string Problem(string? text) =>
        $"--kube-version must be 1.{OldestMinor} to 1.{NewestMinor} (written 1.32 or 32), got '{text}'";
}
