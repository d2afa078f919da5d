using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Patching;

/// <summary>
/// The private copy a JSON patch edits in place, addressed by parsed JSON pointers. The root is
/// held here because an operation on "" may replace the whole document.
/// </summary>
internal sealed class PatchedDocument(JsonNode? root)
{
    public JsonNode? Root { get; private set; } = root;

    public bool TryGet(string[] tokens, out JsonNode? value)
    {
        value = null;
        if (tokens.Length == 0)
        {
            value = Root;
            return true;
        }
        return TryParent(tokens, out var parent) && TryChild(parent, tokens[^1], out value);
    }

    public JsonNode? Get(string[] tokens, string operation, string pointer) =>
        TryGet(tokens, out var value) ? value : throw Missing(operation, pointer);

    /// <summary>RFC 6902 add: sets an object member (replacing it), or inserts into an array at an index or "-" (the end).</summary>
    public void Add(string[] tokens, JsonNode? value, string operation, string pointer)
    {
        if (tokens.Length == 0)
        {
            Root = value;
            return;
        }
        if (!TryParent(tokens, out var parent))
        {
            throw Missing(operation, pointer);
        }
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when JsonPointer.TryIndex(last, out var index) && index <= array.Count:
                array.Insert(index, value);
                break;
            case JsonArray array:
                throw PatchErrors.Invalid($"{operation} operation does not apply: \"{last}\" is not an index from 0 to {array.Count} in \"{pointer}\"");
            default:
                throw Missing(operation, pointer);
        }
    }

    /// <summary>Removes and returns the value; removal detaches it, so move can re-add it elsewhere.</summary>
    public JsonNode? Remove(string[] tokens, string operation, string pointer)
    {
        if (tokens.Length == 0)
        {
            throw PatchErrors.Invalid($"{operation} operation cannot remove the whole document");
        }
        if (!TryParent(tokens, out var parent) || !TryChild(parent, tokens[^1], out var value))
        {
            throw Missing(operation, pointer);
        }
        if (parent is JsonObject obj)
        {
            obj.Remove(tokens[^1]);
        }
        else if (parent is JsonArray array && JsonPointer.TryIndex(tokens[^1], out var index))
        {
            array.RemoveAt(index);
        }
        return value;
    }

    public void Replace(string[] tokens, JsonNode? value, string operation, string pointer)
    {
        if (tokens.Length == 0)
        {
            Root = value;
            return;
        }
        if (!TryParent(tokens, out var parent) || !TryChild(parent, tokens[^1], out _))
        {
            throw Missing(operation, pointer);
        }
        if (parent is JsonObject obj)
        {
            obj[tokens[^1]] = value;
        }
        else if (parent is JsonArray array && JsonPointer.TryIndex(tokens[^1], out var index))
        {
            array[index] = value;
        }
    }

    private bool TryParent(string[] tokens, out JsonNode? parent)
    {
        parent = Root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            if (!TryChild(parent, tokens[i], out parent))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryChild(JsonNode? node, string token, out JsonNode? child)
    {
        child = null;
        switch (node)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(token, out child);
            case JsonArray array when JsonPointer.TryIndex(token, out var index) && index < array.Count:
                child = array[index];
                return true;
            default:
                return false;
        }
    }

    private static ApiException Missing(string operation, string pointer) =>
        PatchErrors.Invalid($"{operation} operation does not apply: the document is missing path \"{pointer}\"");
}
