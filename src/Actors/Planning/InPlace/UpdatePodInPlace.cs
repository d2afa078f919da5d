namespace Kruise.Actors.Planning.InPlace;

/// <summary>
/// Workload entity to pod entity (EntityId("Pod", namespace, podName)): update this pod in place.
/// Idempotent: a repeat for the same PodUid and Spec.Revision is ignored, and so is a request for
/// another uid (the pod was recreated meanwhile).
/// </summary>
public sealed record UpdatePodInPlace(
    string Namespace,
    string Pod,
    string PodUid,
    InPlaceUpdateSpec Spec,
    int GracePeriodSeconds,
    string OwnerKind,
    string OwnerName);
