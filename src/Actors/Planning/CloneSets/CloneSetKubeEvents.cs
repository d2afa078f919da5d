using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.CloneSets;

/// <summary>The Kubernetes Events a CloneSet shows in `kubectl describe`, worded as OpenKruise words them.</summary>
public static class CloneSetKubeEvents
{
    public const string SuccessfulCreate = "SuccessfulCreate";
    public const string SuccessfulDelete = "SuccessfulDelete";
    public const string FailedCreate = "FailedCreate";
    public const string FailedDelete = "FailedDelete";
    public const string ScaleUpLimited = "ScaleUpLimited";
    public const string InvalidSpec = "InvalidSpec";
    public const string SuccessfulUpdatePodInPlace = "SuccessfulUpdatePodInPlace";
    public const string SuccessfulUpdatePodReCreate = "SuccessfulUpdatePodReCreate";
    public const string FailedUpdatePodInPlace = "FailedUpdatePodInPlace";

    public static RecordEvent Normal(ObjectRef cloneSet, string uid, string reason, string subject, string message) =>
        new($"{CommandIds.Event}:{reason}:{subject}", cloneSet, uid, RecordEvent.Normal, reason, message);

    public static RecordEvent Warning(ObjectRef cloneSet, string uid, string reason, string subject, string message) =>
        new($"{CommandIds.Event}:{reason}:{subject}", cloneSet, uid, RecordEvent.Warning, reason, message);
}
