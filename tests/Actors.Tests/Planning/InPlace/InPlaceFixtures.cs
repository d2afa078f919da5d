using System.Collections.Immutable;
using Kruise.Actors.Kube;
using Kruise.Actors.Planning.InPlace;

namespace Kruise.Actors.Tests.Planning.InPlace;

/// <summary>One-line requests, pods and states for the pod decider's tables.</summary>
public static class InPlaceFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static InPlaceUpdateSpec Spec(string revision = "web-v2", string[]? restart = null) => new(
        revision,
        new Dictionary<string, string> { ["app"] = "nginx:1.26" },
        new Dictionary<string, string?> { ["tier"] = "back", ["old"] = null },
        new Dictionary<string, string?> { ["note"] = "v2" },
        restart ?? []);

    public static UpdatePodInPlace Request(string revision = "web-v2", string uid = "uid-1", int grace = 0, string[]? restart = null) =>
        new("default", "web-abcde", uid, Spec(revision, restart), grace, "CloneSet", "web");

    /// <summary>The pod before the update: app on nginx:1.25 (digest sha-old), restarted <paramref name="restarts"/> times.</summary>
    public static InPlacePod Pod(string uid = "uid-1", string? condition = "True", string? reason = null, bool gate = true, int restarts = 0) => new()
    {
        Uid = uid,
        Labels = ImmutableDictionary<string, string>.Empty.Add("controller-revision-hash", "web-v1").Add("old", "x"),
        ConditionStatus = condition,
        ConditionReason = reason,
        HasGate = gate,
        Containers = [new InPlaceContainer("app", "nginx:1.25", "docker.io/library/nginx:1.25", "sha-old", restarts), new InPlaceContainer("side", "busybox:1", "docker.io/library/busybox:1", "sha-bb", 0)],
    };

    /// <summary>The pod once the patch landed (spec image and revision label), its container not yet restarted.</summary>
    public static InPlacePod Patched(InPlacePod pod, string revision = "web-v2") => pod with
    {
        Labels = pod.Labels.SetItem("controller-revision-hash", revision),
        Containers = pod.Containers.Select(c => c.Name == "app" ? c with { Image = "nginx:1.26" } : c).ToImmutableArray(),
    };

    /// <summary>The kubelet ran the new image (new digest, restart count up by one).</summary>
    public static InPlacePod Running(InPlacePod pod, string statusImage = "docker.io/library/nginx:1.26", string imageId = "sha-new") => pod with
    {
        Containers = pod.Containers.Select(c => c.Name == "app" ? c with { StatusImage = statusImage, ImageId = imageId, RestartCount = c.RestartCount + 1 } : c).ToImmutableArray(),
    };

    public static PodInPlaceState At(InPlaceStep step, UpdatePodInPlace? request = null, bool patchApplied = false)
    {
        var r = request ?? Request();
        var events = new List<PodInPlaceEvent> { new InPlaceUpdateRequested(r, T0) };
        if (step >= InPlaceStep.NotReady)
            events.Add(new InPlaceNotReadyMarked(r.Spec.Revision, T0, T0.AddSeconds(r.GracePeriodSeconds)));
        if (step >= InPlaceStep.Patched)
            events.Add(new InPlacePatchRequested(r.Spec.Revision, T0, PodInPlaceDecider.LastStatuses(r.Spec, Pod())));
        if (patchApplied)
            events.Add(new InPlacePatchApplied(r.Spec.Revision));
        if (step >= InPlaceStep.ReadyRequested)
            events.Add(new InPlaceReadyRequested(r.Spec.Revision, T0));
        return PodInPlaceState.Empty.EvolveAll(events);
    }

    public static string[] EventNames(PodInPlaceDecision d) => [.. d.Events.Select(e => e.GetType().Name)];

    public static string[] CommandIds(PodInPlaceDecision d) => [.. d.Commands.Select(c => c.Id)];

    public static CommandOutcome Outcome(string id, CommandStatus status, string? message = null) => new(id, ObjectRef.Pod("default", "web-abcde"), status, message);
}
