using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// The runtime's record of a pod rebuilt from the status a previous kubelet run wrote, so a
/// restarted cluster neither restarts running containers nor loses their ids, start times and
/// restart counts. Null when the kubelet never admitted the pod (no startTime).
/// </summary>
public static class RuntimeRestore
{
    public static PodRuntime? FromStatus(PodView pod, JsonObject podObject, KubeletTimings timings)
    {
        var status = podObject["status"] as JsonObject;
        if (Time(status?["startTime"]) is not { } admitted)
            return null;
        var runs = ImmutableDictionary.CreateBuilder<string, ContainerRun>(StringComparer.Ordinal);
        var statuses = JsonRead.Objects(status, "initContainerStatuses").Concat(JsonRead.Objects(status, "containerStatuses"))
            .GroupBy(s => JsonRead.Str(s, "name")).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (spec, init) in pod.InitContainers.Select(c => (c, true)).Concat(pod.Containers.Select(c => (c, false))))
        {
            if (statuses.GetValueOrDefault(spec.Name) is { } containerStatus && Restore(pod, spec, init, containerStatus, timings) is { } run)
                runs[spec.Name] = run;
        }
        var podIp = JsonRead.Str(status, "podIP");
        var phase = JsonRead.Str(status, "phase");
        return new PodRuntime
        {
            AdmittedAt = admitted,
            PodIp = podIp.Length > 0 ? podIp : null,
            Runs = runs.ToImmutable(),
            Finished = phase is "Succeeded" or "Failed",
        };
    }

    private static ContainerRun? Restore(PodView pod, ContainerSpec spec, bool init, JsonObject status, KubeletTimings timings)
    {
        var restartCount = (int)JsonRead.Int(status, "restartCount");
        var image = JsonRead.Str(status, "image");
        var imageId = JsonRead.Str(status, "imageID");
        var current = Exit(JsonRead.At(status, "state", "terminated"), image, imageId);
        var last = Exit(JsonRead.At(status, "lastState", "terminated"), image, imageId);
        // The spec image the container runs: the spec's when it names the same image, else the
        // reported one, which differs from the spec, so the kubelet restarts it as changed.
        var specNormalized = ImageReference.Parse(spec.Image).Reference?.Normalized;
        var runningImage = specNormalized == image ? spec.Image : image;
        if (JsonRead.At(status, "state", "running") is { } running)
        {
            var startedAt = Time(running["startedAt"]) ?? DateTimeOffset.UnixEpoch;
            TimeSpan? runFor = init && !spec.Sidecar ? timings.InitContainerRun : !init && pod.RunLimit is { } limit ? limit.Duration : null;
            return new ContainerRun
            {
                Name = spec.Name,
                Image = runningImage,
                // What the running container read is not in its status: assume the pod's current values.
                MetadataEnv = spec.MetadataEnv,
                Phase = ContainerPhase.Running,
                Attempts = restartCount + 1,
                ContainerId = JsonRead.Str(status, "containerID"),
                StatusImage = image,
                StatusImageId = imageId,
                StartedAt = startedAt,
                ReadyAt = JsonRead.Bool(status, "ready") ? startedAt : startedAt + timings.Readiness,
                Until = runFor is { } duration ? startedAt + duration : null,
                Exits = last is null ? [] : [last],
            };
        }
        if (current is not null)
            return new ContainerRun { Name = spec.Name, Image = runningImage, MetadataEnv = spec.MetadataEnv, Phase = ContainerPhase.Exited, Attempts = restartCount + 1, Exits = last is null ? [current] : [current, last] };
        if (last is not null)
        {
            // Waiting to restart (back-off): the kubelet decides again when it may.
            return new ContainerRun { Name = spec.Name, Image = runningImage, MetadataEnv = spec.MetadataEnv, Phase = ContainerPhase.Exited, Attempts = restartCount + 1, Exits = [last] };
        }
        return null;
    }

    private static ContainerExit? Exit(JsonNode? terminated, string image, string imageId)
    {
        if (terminated is null)
            return null;
        var finished = Time(terminated["finishedAt"]) ?? DateTimeOffset.UnixEpoch;
        return new ContainerExit(
            (int)JsonRead.Int(terminated, "exitCode"),
            JsonRead.Str(terminated, "reason"),
            Time(terminated["startedAt"]) ?? finished,
            finished,
            JsonRead.Str(terminated, "containerID"),
            image,
            imageId);
    }

    // Status is anyone's to write: a timestamp that is no string reads as absent.
    private static DateTimeOffset? Time(JsonNode? node) =>
        DateTimeOffset.TryParse(JsonRead.AsString(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
