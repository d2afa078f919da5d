using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>
/// The writes of an in-place update, each built only from persisted facts (so a write re-sent
/// after a restart is the same write). Condition patches are strategic merges keyed by type.
/// </summary>
public static class PodInPlaceCommands
{
    public const string RevisionLabel = "controller-revision-hash";
    public const string StateAnnotation = "apps.kruise.io/inplace-update-state";
    public const string StartReason = "StartInPlaceUpdate";
    public const string FailedReason = "FailedUpdatePodInPlace";

    public static string NotReadyId(string revision) => $"inplace:not-ready:{revision}";
    public static string PatchId(string revision) => $"inplace:patch:{revision}";
    public static string ReadyId(string revision) => $"inplace:ready:{revision}";

    public static PatchObject NotReady(UpdatePodInPlace request, DateTimeOffset at) =>
        new(NotReadyId(request.Spec.Revision), Target(request), PatchKind.StrategicMerge,
            Condition("False", StartReason, at), "status");

    public static PatchObject Ready(UpdatePodInPlace request, DateTimeOffset at) =>
        new(ReadyId(request.Spec.Revision), Target(request), PatchKind.StrategicMerge, Condition("True", null, at), "status");

    /// <summary>
    /// One strategic merge patch: the new images (containers merge by name), the template's label
    /// and annotation changes (null removes), the revision label, and the state annotation as
    /// OpenKruise writes it (its field names), which tools and the CloneSet's status read.
    /// </summary>
    public static PatchObject PodPatch(UpdatePodInPlace request, DateTimeOffset at, IReadOnlyDictionary<string, LastContainerStatus> last)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(last);
        var spec = request.Spec;
        var labels = new JsonObject();
        foreach (var (key, value) in spec.Labels.OrderBy(p => p.Key, StringComparer.Ordinal))
            labels[key] = value;
        labels[RevisionLabel] = spec.Revision;
        var annotations = new JsonObject();
        foreach (var (key, value) in spec.Annotations.OrderBy(p => p.Key, StringComparer.Ordinal))
            annotations[key] = value;
        annotations[StateAnnotation] = StateJson(spec, at, last);
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels, ["annotations"] = annotations } };
        if (spec.ContainerImages.Count > 0)
        {
            var containers = new JsonArray();
            foreach (var (name, image) in spec.ContainerImages.OrderBy(p => p.Key, StringComparer.Ordinal))
                containers.Add(new JsonObject { ["name"] = name, ["image"] = image });
            patch["spec"] = new JsonObject { ["containers"] = containers };
        }
        return new PatchObject(PatchId(spec.Revision), Target(request), PatchKind.StrategicMerge, patch.ToJsonString());
    }

    public static RecordEvent Failed(UpdatePodInPlace request, string step, string message) =>
        new($"inplace:event:{request.Spec.Revision}:{step}", Target(request), request.PodUid, RecordEvent.Warning, FailedReason,
            $"failed to update pod in place to revision {request.Spec.Revision} ({step}): {message}");

    /// <summary>apps.kruise.io/inplace-update-state: InPlaceUpdateState's JSON (revision, updateTimestamp, lastContainerStatuses, ...).</summary>
    public static string StateJson(InPlaceUpdateSpec spec, DateTimeOffset at, IReadOnlyDictionary<string, LastContainerStatus> last)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(last);
        var timestamp = Timestamp(at);
        var statuses = new JsonObject();
        foreach (var (name, status) in last.OrderBy(p => p.Key, StringComparer.Ordinal))
            statuses[name] = status.ImageId.Length == 0 ? new JsonObject() : new JsonObject { ["imageID"] = status.ImageId };
        var state = new JsonObject
        {
            ["revision"] = spec.Revision,
            ["updateTimestamp"] = timestamp,
            ["lastContainerStatuses"] = statuses,
        };
        if (spec.RestartContainers.Count > 0)
            state["updateEnvFromMetadata"] = true;
        if (spec.ContainerImages.Count > 0)
            state["updateImages"] = true;
        var batch = spec.ContainerImages.Keys.Union(spec.RestartContainers).Order(StringComparer.Ordinal).Select(n => (JsonNode?)n).ToArray();
        if (batch.Length > 0)
            state["containerBatchesRecord"] = new JsonArray(new JsonObject { ["timestamp"] = timestamp, ["containers"] = new JsonArray(batch) });
        return state.ToJsonString();
    }

    private static ObjectRef Target(UpdatePodInPlace request) => ObjectRef.Pod(request.Namespace, request.Pod);

    private static string Condition(string status, string? reason, DateTimeOffset at)
    {
        // reason/message null clears what the False condition carried (a strategic merge keeps unnamed fields).
        var condition = new JsonObject
        {
            ["type"] = InPlaceUpdateKeys.ReadinessGate,
            ["status"] = status,
            ["reason"] = reason,
            ["message"] = null,
            ["lastTransitionTime"] = Timestamp(at),
        };
        return JsonSerializer.Serialize(new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) } });
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
