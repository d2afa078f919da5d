using System.Text.Json.Nodes;
using k8s;

namespace Kruise.Actors.Crds.Validation;

/// <summary>
/// Equality as Kubernetes' apimachinery Semantic.DeepEqual sees it for API objects: an unset field
/// equals an empty list or map, so `tolerations: []` and no tolerations are the same.
/// </summary>
public static class SemanticEquality
{
    public static bool Equal(object? left, object? right) =>
        JsonNode.DeepEquals(Normalize(ToNode(left)), Normalize(ToNode(right)));

    private static JsonNode? ToNode(object? value) =>
        value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value));

    // Drops nulls, empty lists and empty maps, bottom up, in place; an object left empty becomes null.
    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var key in map.Select(p => p.Key).ToList())
                {
                    if (Normalize(map[key]) is null)
                        map.Remove(key);
                }
                return map.Count == 0 ? null : map;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (Normalize(list[i]) is null)
                        list[i] = null;
                }
                return list.Count == 0 ? null : list;
            default:
                return node;
        }
    }
}
