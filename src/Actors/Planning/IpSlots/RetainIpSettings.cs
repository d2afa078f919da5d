namespace Kruise.Actors.Planning.IpSlots;

/// <summary>Cluster-wide settings for keeping pod IPs across recreation (opt-in per workload).</summary>
public sealed record RetainIpSettings
{
    public static RetainIpSettings Default { get; } = new();

    /// <summary>The workload annotation that opts in (value "true").</summary>
    public const string OptInAnnotation = "kruise-actors.io/retain-pod-ip";

    /// <summary>The workload annotation the controller writes: each retained IP and who holds it, as a JSON object.</summary>
    public const string RetainedIpsAnnotation = "kruise-actors.io/retained-pod-ips";

    /// <summary>How a pod asks the CNI for an IP.</summary>
    public RequestedIpFormat Format { get; init; } = RequestedIpFormat.Calico;

    /// <summary>How long a slot released by scale-down keeps its IP from new pods before it is dropped.</summary>
    public TimeSpan HoldTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a replacement on a node may go without its IP before a Warning reports it.</summary>
    public TimeSpan WaitBeforeWarning { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a workload with these annotations opted in.</summary>
    public static bool OptedIn(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(OptInAnnotation, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
