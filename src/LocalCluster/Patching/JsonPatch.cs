using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// RFC 6902 JSON Patch (application/json-patch+json), as the apiserver applies it: a body that is
/// not an array of operation objects is 400 BadRequest; anything that goes wrong while applying
/// (unknown op, missing member, missing path, failed test) is 422 Invalid, because the apiserver
/// wraps every apply error of its JSON patch library in a 422 (handlers/patch.go, applyJSPatch).
/// </summary>
public static class JsonPatch
{
    /// <summary>The apiserver refuses longer patches with 413 (maxJSONPatchOperations).</summary>
    public const int MaxOperations = 10_000;

    /// <summary>Applies the patch to a copy of the document; the inputs are never changed.</summary>
    public static JsonNode Apply(JsonNode document, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (patch is not JsonArray operations)
        {
            throw PatchErrors.BadRequest($"a JSON patch must be a JSON array of operations, got {PatchErrors.Show(patch)}");
        }
        if (operations.Count > MaxOperations)
        {
            throw PatchErrors.TooLarge($"The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        }
        var target = new PatchedDocument(document.DeepClone());
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw PatchErrors.BadRequest($"JSON patch operation {i} must be an object, got {PatchErrors.Show(operations[i])}");
            }
            ApplyOperation(target, operation, i);
        }
        return target.Root ?? throw PatchErrors.Invalid("the JSON patch replaced the whole document with null");
    }

    private static void ApplyOperation(PatchedDocument target, JsonObject operation, int index)
    {
        var op = Member(operation, "op", index);
        var path = Member(operation, "path", index);
        var tokens = JsonPointer.Parse(path);
        switch (op)
        {
            case "add":
                target.Add(tokens, Value(operation, op, index), op, path);
                break;
            case "remove":
                target.Remove(tokens, op, path);
                break;
            case "replace":
                target.Replace(tokens, Value(operation, op, index), op, path);
                break;
            case "move":
                Move(target, Member(operation, "from", index), path, tokens);
                break;
            case "copy":
                var from = Member(operation, "from", index);
                target.Add(tokens, target.Get(JsonPointer.Parse(from), op, from)?.DeepClone(), op, path);
                break;
            case "test":
                Test(target, tokens, path, Value(operation, op, index));
                break;
            default:
                throw PatchErrors.Invalid($"JSON patch operation {index} has unknown op \"{op}\": expected add, remove, replace, move, copy or test");
        }
    }

    private static void Move(PatchedDocument target, string from, string path, string[] tokens)
    {
        var fromTokens = JsonPointer.Parse(from);
        if (from == path)
        {
            target.Get(fromTokens, "move", from);
            return;
        }
        // RFC 6902 4.4: a value cannot be moved into one of its own children.
        if (path.StartsWith(from + "/", StringComparison.Ordinal))
        {
            throw PatchErrors.Invalid($"move operation cannot move \"{from}\" into its own child \"{path}\"");
        }
        var value = target.Remove(fromTokens, "move", from);
        target.Add(tokens, value, "move", path);
    }

    // The apiserver's JSON patch library lets "test" with value null pass on a missing path; kept so
    // patches written against a real cluster behave the same here.
    private static void Test(PatchedDocument target, string[] tokens, string path, JsonNode? expected)
    {
        if (!target.TryGet(tokens, out var actual))
        {
            if (JsonEquality.IsNull(expected))
            {
                return;
            }
            throw PatchErrors.Invalid($"test operation failed: the document is missing path \"{path}\"");
        }
        if (!JsonEquality.Equal(actual, expected))
        {
            throw PatchErrors.Invalid($"test operation failed: \"{path}\" is {PatchErrors.Show(actual)}, not {PatchErrors.Show(expected)}");
        }
    }

    private static string Member(JsonObject operation, string name, int index) =>
        operation.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw PatchErrors.Invalid($"JSON patch operation {index} needs a string \"{name}\": {PatchErrors.Show(operation)}");

    // "value" may be JSON null, but it must be present. It is copied so the result never shares nodes with the patch.
    private static JsonNode? Value(JsonObject operation, string op, int index) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw PatchErrors.Invalid($"JSON patch operation {index} ({op}) needs a \"value\"");
}
