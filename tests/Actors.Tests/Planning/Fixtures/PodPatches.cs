using Kruise.Actors.Planning.Common;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Apps.Pub;
using Kruise.Actors.Planning.Pods;

namespace Kruise.Actors.Tests.Planning.Fixtures;

/// <summary>
/// Applies a pod strategic merge patch to an observed pod as the API server would, for the parts
/// planners patch: metadata labels/annotations (merged by key, null removes), finalizers (merged as
/// a set) and status conditions (merged by type: InPlaceUpdateReady, KruisePodReady, Ready).
/// </summary>
public static class PodPatches
{
    public static ObservedPod Apply(ObservedPod pod, string patch)
    {
        var root = JsonNode.Parse(patch)!.AsObject();
        if (root["metadata"] is JsonObject metadata)
        {
            pod = pod with
            {
                Labels = Merge(pod.Labels, metadata["labels"] as JsonObject),
                Annotations = Merge(pod.Annotations, metadata["annotations"] as JsonObject),
                Finalizers = metadata["finalizers"] is JsonArray finalizers
                    ? pod.Finalizers.AddRange(finalizers.Select(f => f!.GetValue<string>()).Where(f => !pod.Finalizers.Contains(f)))
                    : pod.Finalizers,
            };
        }
        foreach (var condition in (root["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var status = condition["status"]?.GetValue<string>() == "True";
            pod = condition["type"]?.GetValue<string>() switch
            {
                InPlaceUpdateKeys.ReadinessGate => pod with { InPlaceUpdateReady = status },
                PodReadinessKeys.KruisePodReady => pod with { KruisePodReady = status, KruisePodReadyMessage = condition["message"]?.GetValue<string>() ?? "" },
                "Ready" => pod with { Ready = status, ReadySince = status ? pod.ReadySince : null },
                _ => pod,
            };
        }
        return pod;
    }

    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, JsonObject? patch)
    {
        foreach (var (key, value) in patch ?? [])
            current = value is null ? current.Remove(key) : current.SetItem(key, value.GetValue<string>());
        return current;
    }
}
