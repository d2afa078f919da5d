using System.Text.Json.Nodes;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>What the apiserver does to pods: defaults on create, and which spec fields may change later.</summary>
public static class PodRules
{
    // Fields of a running pod's spec that an update may change; everything else is immutable.
    private const string MutableFieldsMessage =
        "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    // decodedSpec: the spec as the built-in decoding check already decoded it, if at hand.
    public static void OnCreate(JsonObject pod, V1PodSpec? decodedSpec = null)
    {
        BuiltinRules.ApplyTemplateDefaults(pod, decodedSpec);
        var spec = pod["spec"] as JsonObject ?? [];
        spec["serviceAccountName"] ??= "default";
        spec["serviceAccount"] ??= (string?)spec["serviceAccountName"];
        spec["enableServiceLinks"] ??= true;
        spec["priority"] ??= 0;
        pod["spec"] = spec;
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(spec) };
    }

    public static void OnUpdate(JsonObject before, JsonObject after)
    {
        var oldSpec = Comparable(before["spec"] as JsonObject);
        var newSpec = Comparable(after["spec"] as JsonObject);
        if (!JsonNode.DeepEquals(oldSpec, newSpec))
            throw ApiException.Invalid("Pod", ObjectMeta.Name(after) ?? "", [new("FieldValueForbidden", "spec", MutableFieldsMessage)]);
    }

    private static string QosClass(JsonObject spec)
    {
        var containers = (spec["containers"] as JsonArray ?? []).Concat(spec["initContainers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var anyResources = false;
        var guaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            var requests = container["resources"]?["requests"] as JsonObject;
            var limits = container["resources"]?["limits"] as JsonObject;
            anyResources |= (requests?.Count ?? 0) > 0 || (limits?.Count ?? 0) > 0;
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = (string?)limits?[resource]?.ToString();
                var request = (string?)requests?[resource]?.ToString() ?? limit;
                if (limit is null || request != limit)
                    guaranteed = false;
            }
        }
        return guaranteed ? "Guaranteed" : anyResources ? "Burstable" : "BestEffort";
    }

    private static JsonObject? Comparable(JsonObject? spec)
    {
        if (spec is null)
            return null;
        var copy = (JsonObject)spec.DeepClone();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (copy[list] as JsonArray ?? []).OfType<JsonObject>())
                container.Remove("image");
        }
        copy.Remove("activeDeadlineSeconds");
        copy.Remove("tolerations");
        copy.Remove("terminationGracePeriodSeconds");
        return copy;
    }
}
