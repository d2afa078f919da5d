using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Http;

/// <summary>Dotted field paths such as ".spec.replicas" (the form scale subresource paths take).</summary>
public static class SimpleJsonPath
{
    public static JsonNode? Get(JsonNode? root, string path)
    {
        var node = root;
        foreach (var step in Steps(path))
            node = (node as JsonObject)?[step];
        return node;
    }

    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var steps = Steps(path);
        var node = root;
        foreach (var step in steps[..^1])
        {
            if (node[step] is not JsonObject child)
                node[step] = child = [];
            node = child;
        }
        node[steps[^1]] = value;
    }

    private static string[] Steps(string path) => path.TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
}
