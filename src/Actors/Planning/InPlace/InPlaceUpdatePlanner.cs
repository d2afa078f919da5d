using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kruise.Actors.Planning.InPlace;

/// <summary>
/// Decides whether a pod can move from one template to another without being recreated, as
/// OpenKruise's default in-place update does: only container images may change in the pod spec;
/// template labels and annotations may change freely (they are patched onto the pod), and a
/// container whose env reads a changed one through the downward API is restarted. Anything else
/// (env, resources, ports, volumes, init containers, containers added or removed, ...) needs a new pod.
/// Templates are compared as structural JSON, nulls and empty objects/lists being the same as absent,
/// so a template read back from a revision compares equal to the one it was made from.
/// </summary>
public static class InPlaceUpdatePlanner
{
    public static InPlaceUpdatePlan Plan(V1PodTemplateSpec from, V1PodTemplateSpec to, string toRevision)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentException.ThrowIfNullOrEmpty(toRevision);
        var fromNode = Normalize(JsonNode.Parse(KubernetesJson.Serialize(from))) as JsonObject ?? [];
        var toNode = Normalize(JsonNode.Parse(KubernetesJson.Serialize(to))) as JsonObject ?? [];

        var fromMeta = fromNode["metadata"] as JsonObject ?? [];
        var toMeta = toNode["metadata"] as JsonObject ?? [];
        if (FirstDifference(fromMeta, toMeta, "metadata", [DownwardApiRefs.Labels, DownwardApiRefs.Annotations, "creationTimestamp"]) is { } metaReason)
            return InPlaceUpdatePlan.NotPossible(metaReason);

        var fromSpec = fromNode["spec"] as JsonObject ?? [];
        var toSpec = toNode["spec"] as JsonObject ?? [];
        if (FirstDifference(fromSpec, toSpec, "spec", ["containers"]) is { } specReason)
            return InPlaceUpdatePlan.NotPossible(specReason);

        var fromContainers = Containers(fromSpec);
        var toContainers = Containers(toSpec);
        if (fromContainers.Count != toContainers.Count)
            return InPlaceUpdatePlan.NotPossible($"spec.containers changed (from {fromContainers.Count} to {toContainers.Count} containers)");

        var images = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < fromContainers.Count; i++)
        {
            var path = $"spec.containers[{i}]";
            if (FirstDifference(fromContainers[i], toContainers[i], path, ["image"]) is { } containerReason)
                return InPlaceUpdatePlan.NotPossible(containerReason);
            var oldImage = Text(fromContainers[i]["image"]);
            var newImage = Text(toContainers[i]["image"]);
            if (oldImage == newImage)
                continue;
            if (string.IsNullOrEmpty(newImage))
                return InPlaceUpdatePlan.NotPossible($"{path}.image removed");
            images[Text(toContainers[i]["name"]) ?? ""] = newImage;
        }

        var labels = MapChanges(fromMeta[DownwardApiRefs.Labels], toMeta[DownwardApiRefs.Labels]);
        var annotations = MapChanges(fromMeta[DownwardApiRefs.Annotations], toMeta[DownwardApiRefs.Annotations]);
        var restart = toContainers
            .Where(c => DownwardApiRefs.Read(c).Any(r => (r.Kind == DownwardApiRefs.Labels ? labels : annotations).ContainsKey(r.Key)))
            .Select(c => Text(c["name"]) ?? "")
            .ToImmutableArray();
        return new InPlaceUpdatePlan(new InPlaceUpdateSpec(toRevision, images.ToImmutable(), labels, annotations, restart), null);
    }

    private static List<JsonObject> Containers(JsonObject spec) =>
        (spec["containers"] as JsonArray ?? []).Select(c => c as JsonObject ?? []).ToList();

    // The first field (in sorted order, so reasons are stable) whose value differs, as "path.field changed".
    private static string? FirstDifference(JsonObject from, JsonObject to, string path, string[] allowed)
    {
        var keys = from.Select(p => p.Key).Union(to.Select(p => p.Key)).Except(allowed).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!JsonNode.DeepEquals(from[key], to[key]))
                return $"{path}.{key} changed";
        }
        return null;
    }

    private static ImmutableSortedDictionary<string, string?> MapChanges(JsonNode? from, JsonNode? to)
    {
        var oldMap = from as JsonObject ?? [];
        var newMap = to as JsonObject ?? [];
        var changes = ImmutableSortedDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in newMap)
        {
            if (!JsonNode.DeepEquals(oldMap[key], value))
                changes[key] = Text(value);
        }
        foreach (var (key, _) in oldMap)
        {
            if (!newMap.ContainsKey(key))
                changes[key] = null;
        }
        return changes.ToImmutable();
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // Null, {} and [] mean "not set" in Kubernetes JSON; drop them so either spelling compares equal.
    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (Normalize(value) is { } kept)
                        result[key] = kept;
                }
                return result.Count == 0 ? null : result;
            case JsonArray array:
                return array.Count == 0 ? null : new JsonArray(array.Select(item => Normalize(item) ?? new JsonObject()).ToArray());
            case null:
                return null;
            default:
                return node.DeepClone();
        }
    }
}
