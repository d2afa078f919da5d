using Kruise.Actors.LocalCluster.Simulation.Network;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// Everything one kubelet decision looks at. <paramref name="Network"/> is the sandbox address
/// (or why there is none) when <see cref="KubeletPlanner.NeedsNetwork"/> asked for it;
/// <paramref name="ImageAvailableAt"/> says from when an image (normalised reference) is on
/// the node, null when it is not (a time after now: a pull is under way).
/// </summary>
public sealed record KubeletInput(
    PodView Pod,
    NodeView Node,
    PodRuntime? Record,
    IpAssignment? Network,
    Func<string, DateTimeOffset?> ImageAvailableAt,
    KubeletTimings Timings,
    DateTimeOffset Now);

/// <summary>An Event the kubelet records about the pod (fieldPath names the container, as spec.containers{nginx}).</summary>
public sealed record KubeletEvent(DateTimeOffset At, string Type, string Reason, string Message, string? FieldPath = null)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>An image pull started on the node: the image is there from <paramref name="AvailableAt"/>.</summary>
public sealed record ImagePull(string Image, DateTimeOffset AvailableAt);

/// <summary>
/// What to do: keep <paramref name="Record"/>, record the events, note the pulls in the node's
/// image cache, write the status rendered from the record (unless the pod is going away),
/// release the pod's address, delete the pod (grace 0, its containers have stopped), and look
/// again at <paramref name="NextDue"/>.
/// </summary>
public sealed record KubeletPlan(
    PodRuntime? Record,
    IReadOnlyList<KubeletEvent> Events,
    IReadOnlyList<ImagePull> Pulls,
    DateTimeOffset? NextDue,
    bool WriteStatus,
    bool ReleaseNetwork,
    bool DeletePod);
