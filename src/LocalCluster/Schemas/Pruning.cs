using System.Text.Json.Nodes;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// apiextensions' pruning algorithm, in place on a node the caller owns. Unknown fields are dropped
/// unless x-kubernetes-preserve-unknown-fields holds, which keeps unknown keys but still prunes
/// inside the properties and additionalProperties it does specify. An embedded resource (and the
/// resource root) keeps apiVersion, kind and metadata whatever the schema says.
/// </summary>
internal static class Pruning
{
    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    /// <summary>Prunes <paramref name="x"/> in place; returns the pruned paths sorted.</summary>
    public static List<string> Prune(JsonNode? x, SchemaNode? s, bool isResourceRoot)
    {
        var unknown = new List<string>();
        Prune(x, s, forceEmbedded: isResourceRoot, "", unknown);
        unknown.Sort(StringComparer.Ordinal);
        return unknown;
    }

    private static bool Embedded(SchemaNode? s, bool forceEmbedded) => forceEmbedded || s?.EmbeddedResource == true;

    private static string AppendKey(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private static string AppendIndex(string parent, int index) => $"{parent}[{index}]";

    private static void Prune(JsonNode? x, SchemaNode? s, bool forceEmbedded, string path, List<string> unknown)
    {
        if (s is { PreserveUnknownFields: true })
        {
            SkipPrune(x, s, forceEmbedded, path, unknown);
            return;
        }
        switch (x)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    if (Embedded(s, forceEmbedded) && MetaFields.Contains(key))
                        continue;
                    if (s?.Property(key) is { } property)
                        Prune(value, property, false, AppendKey(path, key), unknown);
                    else if (s is { HasAdditionalProperties: true })
                        Prune(value, s.AdditionalProperties, false, AppendKey(path, key), unknown);
                    else
                    {
                        // A stray apiVersion/kind/metadata at the root of a schema-less value is dropped silently.
                        if (!MetaFields.Contains(key) || path.Length > 0)
                            unknown.Add(AppendKey(path, key));
                        map.Remove(key);
                    }
                }
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                    Prune(list[i], s?.Items, false, AppendIndex(path, i), unknown);
                break;
        }
    }

    private static void SkipPrune(JsonNode? x, SchemaNode s, bool forceEmbedded, string path, List<string> unknown)
    {
        switch (x)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    if (Embedded(s, forceEmbedded) && MetaFields.Contains(key))
                        continue;
                    if (s.Property(key) is { } property)
                        Prune(value, property, false, AppendKey(path, key), unknown);
                    else if (s.HasAdditionalProperties)
                        Prune(value, s.AdditionalProperties, false, AppendKey(path, key), unknown);
                }
                break;
            case JsonArray list:
                if (s.Items is null)
                    return;
                for (var i = 0; i < list.Count; i++)
                    SkipPrune(list[i], s.Items, false, AppendIndex(path, i), unknown);
                break;
        }
    }
}
