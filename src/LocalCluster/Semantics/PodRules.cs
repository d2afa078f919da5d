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
        if (!SameImmutableSpec(before["spec"] as JsonObject, after["spec"] as JsonObject))
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

    // Compared in place (every pod update passes here; copying both specs to blank the mutable
    // fields out cost more than the rest of the check): equal but for the mutable fields, and
    // for each container's image.
    private static readonly HashSet<string> MutableSpecFields = ["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds"];
    private static readonly HashSet<string> MutableContainerFields = ["image"];

    private static bool SameImmutableSpec(JsonObject? before, JsonObject? after)
    {
        if (before is null || after is null)
            return before is null && after is null;
        return EqualExcept(before, after, MutableSpecFields, static (field, b, a) => field is "containers" or "initContainers" ? SameContainers(b, a) : JsonNode.DeepEquals(b, a));
    }

    private static bool SameContainers(JsonNode? before, JsonNode? after)
    {
        if (before is not JsonArray b || after is not JsonArray a)
            return JsonNode.DeepEquals(before, after);
        if (b.Count != a.Count)
            return false;
        for (var i = 0; i < b.Count; i++)
        {
            var same = b[i] is JsonObject x && a[i] is JsonObject y
                ? EqualExcept(x, y, MutableContainerFields, static (_, p, q) => JsonNode.DeepEquals(p, q))
                : JsonNode.DeepEquals(b[i], a[i]);
            if (!same)
                return false;
        }
        return true;
    }

    // The same fields present on both sides (an explicit null counts as present, as DeepEquals has it), each equal, ignoring `except`.
    private static bool EqualExcept(JsonObject before, JsonObject after, HashSet<string> except, Func<string, JsonNode?, JsonNode?, bool> equal)
    {
        foreach (var (field, value) in before)
        {
            if (except.Contains(field))
                continue;
            if (!after.TryGetPropertyValue(field, out var other) || !equal(field, value, other))
                return false;
        }
        foreach (var (field, _) in after)
        {
            if (!except.Contains(field) && !before.ContainsKey(field))
                return false;
        }
        return true;
    }
}
