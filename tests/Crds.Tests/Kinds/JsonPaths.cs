using System.Text.Json.Nodes;
using k8s;

namespace Kruise.Actors.Crds.Tests.Kinds;

/// <summary>One field of an object's JSON form, by a path such as spec.topology.subsets[1].name.</summary>
internal static class JsonPaths
{
    /// <summary>The field's JSON text, or "null" when it or a parent is absent.</summary>
    public static string At(object value, string path)
    {
        var found = JsonPathLite.Select(JsonNode.Parse(KubernetesJson.Serialize(value))!, path);
        return found.Count == 0 ? "null" : found[0].ToJsonString();
    }
}
