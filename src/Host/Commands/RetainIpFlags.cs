using System.Globalization;
using Kruise.Actors.Entities;
using Kruise.Actors.Planning.CloneSets;
using Kruise.Actors.Planning.IpSlots;

namespace Kruise.Actors.Host.Commands;

/// <summary>
/// `--retain-ip-annotation calico|kube-ovn` and `--retain-ip-hold-seconds N`: how workloads
/// annotated kruise-actors.io/retain-pod-ip ask the CNI for an IP, and how long a scale-down keeps
/// the released IPs from new pods.
/// </summary>
public static class RetainIpFlags
{
    public const string FormatOption = "--retain-ip-annotation";
    public const string HoldOption = "--retain-ip-hold-seconds";

    /// <summary>Why the flags cannot be used, or null.</summary>
    public static string? Problem(string? format, string? holdSeconds)
    {
        if (format is not null && RequestedIpFormat.Parse(format).Error is { } error)
            return $"{FormatOption}: {error}";
        if (holdSeconds is not null && Seconds(holdSeconds) is null)
            return $"{HoldOption} must be a whole number of seconds (0 or more), got '{holdSeconds}'";
        return null;
    }

    /// <summary>The controller's catalog with these settings (call after <see cref="Problem"/> found none).</summary>
    public static ControllerCatalog Catalog(string? format, string? holdSeconds)
    {
        var settings = RetainIpSettings.Default;
        if (format is not null && RequestedIpFormat.Parse(format).Format is { } parsed)
            settings = settings with { Format = parsed };
        if (holdSeconds is not null && Seconds(holdSeconds) is { } seconds)
            settings = settings with { HoldTime = TimeSpan.FromSeconds(seconds) };
        return ControllerCatalog.CreateDefault(CloneSetPlannerOptions.Default with { RetainIp = settings });
    }

    private static int? Seconds(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
