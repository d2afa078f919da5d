using System.Globalization;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Semantics;
using Kruise.Actors.LocalCluster.Simulation.Network;

namespace Kruise.Actors.LocalCluster.Simulation.Kubelet;

/// <summary>
/// One container of the spec, as the kubelet acts on it. <see cref="MetadataEnv"/> is its env read
/// from labels and annotations (downward API), resolved; with <see cref="RestartOnMetadataEnv"/> a
/// change of it restarts the container, as OpenKruise's kruise-daemon does on the node for a pod
/// whose in-place update changed such a label (the kubelet alone never would).
/// </summary>
public sealed record ContainerSpec(string Name, string Image, string PullPolicy, bool Sidecar = false, string MetadataEnv = "", bool RestartOnMetadataEnv = false);

/// <summary>How long a pod's containers run before they exit, and with which code (<see cref="SimulationConventions.RunSecondsAnnotation"/>).</summary>
public sealed record RunLimit(TimeSpan Duration, int ExitCode);

/// <summary>
/// What the kubelet reads of a pod, parsed once per sync: identity, binding, the containers
/// and what the simulation annotations ask for. The pod's status is read separately (conditions
/// others set, and what a previous kubelet run left).
/// </summary>
public sealed record PodView(
    string Namespace,
    string Name,
    string Uid,
    string NodeName,
    string RestartPolicy,
    bool HostNetwork,
    IReadOnlyList<ContainerSpec> InitContainers,
    IReadOnlyList<ContainerSpec> Containers,
    IReadOnlyList<string> ReadinessGates,
    bool Deleting,
    long GracePeriodSeconds,
    RunLimit? RunLimit,
    string? RequestedIp,
    string Phase)
{
    public PodIdentity Identity => new(Namespace, Name, Uid);

    public bool Terminal => Phase is "Succeeded" or "Failed";

    public static PodView Parse(JsonObject pod)
    {
        var spec = pod["spec"] as JsonObject;
        var annotations = JsonRead.StringMap(pod, "metadata", "annotations");
        var labels = JsonRead.StringMap(pod, "metadata", "labels");
        var metadata = new Metadata(labels, annotations, annotations.TryGetValue(InPlaceUpdateStateAnnotation, out var state)
            && JsonRead.Bool(ParseObject(state), "updateEnvFromMetadata"));
        return new PodView(
            ObjectMeta.Namespace(pod) ?? "",
            ObjectMeta.Name(pod) ?? "",
            ObjectMeta.Uid(pod) ?? "",
            JsonRead.Str(spec, "nodeName"),
            JsonRead.Str(spec, "restartPolicy") is { Length: > 0 } policy ? policy : "Always",
            JsonRead.Bool(spec, "hostNetwork"),
            JsonRead.Objects(spec, "initContainers").Select(c => Container(c, JsonRead.Str(c, "restartPolicy") == "Always", metadata)).ToList(),
            JsonRead.Objects(spec, "containers").Select(c => Container(c, false, metadata)).ToList(),
            JsonRead.Objects(spec, "readinessGates").Select(g => JsonRead.Str(g, "conditionType")).Where(t => t.Length > 0).ToList(),
            ObjectMeta.IsDeleting(pod),
            JsonRead.IntOrNull(pod, "metadata", "deletionGracePeriodSeconds") ?? JsonRead.IntOrNull(spec, "terminationGracePeriodSeconds") ?? 30,
            ParseRunLimit(annotations),
            annotations.GetValueOrDefault(SimulationConventions.RequestedIpAnnotation),
            JsonRead.Str(pod, "status", "phase"));
    }

    /// <summary>OpenKruise's in-place update state; its updateEnvFromMetadata asks the node to restart on env-from-metadata changes.</summary>
    public const string InPlaceUpdateStateAnnotation = "apps.kruise.io/inplace-update-state";

    private sealed record Metadata(Dictionary<string, string> Labels, Dictionary<string, string> Annotations, bool RestartOnChange);

    private static JsonObject? ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // NAME=value per env var read through metadata.labels['k'] / metadata.annotations['k'].
    private static string MetadataEnv(JsonObject container, Metadata metadata)
    {
        var values = new List<string>();
        foreach (var env in JsonRead.Objects(container, "env"))
        {
            var path = JsonRead.Str(env, "valueFrom", "fieldRef", "fieldPath");
            foreach (var (prefix, map) in new[] { ("metadata.labels[", metadata.Labels), ("metadata.annotations[", metadata.Annotations) })
            {
                if (path.Length > prefix.Length + 3 && path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(']'))
                    values.Add($"{JsonRead.Str(env, "name")}={map.GetValueOrDefault(path[(prefix.Length + 1)..^2]) ?? ""}");
            }
        }
        return string.Join("\n", values);
    }

    private static ContainerSpec Container(JsonObject container, bool sidecar, Metadata metadata)
    {
        var image = JsonRead.Str(container, "image");
        var policy = JsonRead.Str(container, "imagePullPolicy");
        if (policy.Length == 0)
            policy = ImageReference.Parse(image).Reference is { Tag: "latest", Digest: null } ? "Always" : "IfNotPresent";
        return new ContainerSpec(JsonRead.Str(container, "name"), image, policy, sidecar, MetadataEnv(container, metadata), metadata.RestartOnChange);
    }

    // A value that is no number is ignored (the pod just runs): annotations are free text and
    // the kubelet does not reject pods for them.
    private static RunLimit? ParseRunLimit(Dictionary<string, string> annotations)
    {
        if (!annotations.TryGetValue(SimulationConventions.RunSecondsAnnotation, out var seconds)
            || !double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || value < 0 || double.IsInfinity(value) || double.IsNaN(value) || value > TimeSpan.MaxValue.TotalSeconds / 2)
            return null;
        var exitCode = annotations.TryGetValue(SimulationConventions.ExitCodeAnnotation, out var code)
            && int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : 0;
        return new RunLimit(TimeSpan.FromSeconds(value), exitCode);
    }
}
