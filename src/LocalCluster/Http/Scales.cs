using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;
using Kruise.Actors.LocalCluster.Storage;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>The scale subresource: an autoscaling/v1 Scale view of a workload's replica count.</summary>
public static class Scales
{
    public static JsonObject ToScale(ResourceType type, StoredObject stored)
    {
        var paths = type.Scale ?? throw new ApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"{type.Plural} has no scale subresource");
        var metadata = stored.Metadata!;
        var selector = paths.LabelSelectorPath is null ? null : SimpleJsonPath.Get(stored.Object, paths.LabelSelectorPath);
        // Built-in workloads keep a structured selector in spec; Scale reports it as a string.
        if (selector is null && stored.Object["spec"]?["selector"]?["matchLabels"] is JsonObject matchLabels)
            selector = string.Join(",", matchLabels.Select(p => $"{p.Key}={p.Value}"));
        var status = new JsonObject { ["replicas"] = SimpleJsonPath.Get(stored.Object, paths.StatusReplicasPath)?.DeepClone() ?? 0 };
        if (selector is not null)
            status["selector"] = selector.DeepClone();
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = SimpleJsonPath.Get(stored.Object, paths.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    public static long Replicas(JsonObject scale) =>
        JsonRead.IntOrNull(scale, "spec", "replicas") is { } replicas and >= 0
            ? replicas
            : throw ApiException.Invalid("Scale", (string?)scale["metadata"]?["name"] ?? "",
                [new("FieldValueInvalid", "spec.replicas", "Invalid value: must be greater than or equal to 0")]);

    /// <summary>The object with its replicas set; a resourceVersion in the Scale is a precondition.</summary>
    public static JsonObject WithReplicas(ResourceType type, StoredObject current, long replicas, JsonObject scale)
    {
        var next = current.CloneObject();
        SimpleJsonPath.Set(next, type.Scale!.SpecReplicasPath, replicas);
        var metadata = (JsonObject)next["metadata"]!;
        if ((string?)scale["metadata"]?["resourceVersion"] is { Length: > 0 } rv)
            metadata["resourceVersion"] = rv;
        else
            metadata.Remove("resourceVersion");
        return next;
    }
}
