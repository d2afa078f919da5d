using System.Text.Json.Nodes;

namespace Kruise.Actors.Admission;

/// <summary>
/// The RFC 6902 operations that turn one JSON document into another: add/replace for members that
/// are new or differ, remove for members gone; arrays of equal length are compared element by
/// element (so defaulting a container's field patches only that field), others replaced whole.
/// </summary>
public static class JsonPatchDiff
{
    public static JsonArray Diff(JsonNode? from, JsonNode? to)
    {
        var operations = new JsonArray();
        Compare(from, to, "", operations);
        return operations;
    }

    private static void Compare(JsonNode? from, JsonNode? to, string path, JsonArray operations)
    {
        switch (from, to)
        {
            case (JsonObject a, JsonObject b):
                foreach (var (name, value) in b)
                {
                    var child = path + "/" + Escape(name);
                    if (!a.TryGetPropertyValue(name, out var old))
                        operations.Add(Operation("add", child, value));
                    else
                        Compare(old, value, child, operations);
                }
                foreach (var (name, _) in a)
                {
                    if (!b.ContainsKey(name))
                        operations.Add(new JsonObject { ["op"] = "remove", ["path"] = path + "/" + Escape(name) });
                }
                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                    Compare(a[i], b[i], $"{path}/{i}", operations);
                break;
            default:
                if (!JsonNode.DeepEquals(from, to))
                    operations.Add(Operation("replace", path, to));
                break;
        }
    }

    private static JsonObject Operation(string op, string path, JsonNode? value) =>
        new() { ["op"] = op, ["path"] = path, ["value"] = value?.DeepClone() };

    // JSON Pointer (RFC 6901): "~" and "/" inside a member name.
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
