using System.Text.Json.Nodes;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// The object after pruning and the paths of the fields dropped, sorted, in the API server's form
/// ("spec.foo", "spec.items[0].bar"): the server warns <c>unknown field "spec.foo"</c> for each, or with
/// fieldValidation=Strict answers 400 <c>strict decoding error: unknown field "spec.foo"</c>.
/// </summary>
public sealed record PruneResult(JsonObject Object, IReadOnlyList<string> UnknownFields);

/// <summary>
/// What apiextensions-apiserver's decoder does to a custom resource before anything else looks at it:
/// drops fields the structural schema does not specify (pruning/algorithm.go), drops nulls the schema
/// neither allows nor defaults (defaulting/prunenulls.go), and drops unknown ObjectMeta fields of
/// x-kubernetes-embedded-resource objects (objectmeta/coerce.go). Root apiVersion/kind/metadata are
/// never touched; the server handles root metadata itself.
/// </summary>
public static class SchemaPruner
{
    // metav1.ObjectMeta's JSON fields: anything else under an embedded resource's metadata is unknown.
    private static readonly HashSet<string> ObjectMetaFields = new(StringComparer.Ordinal)
    {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    };

    /// <summary>Prunes a copy of <paramref name="obj"/>; the input is left as it was.</summary>
    public static PruneResult Prune(JsonObject obj, V1JSONSchemaProps? schema)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = (JsonObject)obj.DeepClone();
        var node = schema is null ? null : SchemaNode.Of(schema);
        // Each step sorts its own findings and the server lists them in step order.
        var unknown = Pruning.Prune(copy, node, isResourceRoot: true);
        PruneNonNullableNulls(copy, node);
        var embedded = new List<string>();
        CoerceEmbedded(copy, node, null, embedded);
        embedded.Sort(StringComparer.Ordinal);
        return new PruneResult(copy, [.. unknown, .. embedded]);
    }

    // Nulls with a default survive: the defaulter replaces them next.
    private static void PruneNonNullableNulls(JsonNode? x, SchemaNode? s)
    {
        switch (x)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    var field = s?.FieldSchema(key);
                    if (value is null && field is { Nullable: false, Default: null })
                        map.Remove(key);
                    else
                        PruneNonNullableNulls(value, field);
                }
                break;
            case JsonArray list:
                foreach (var item in list)
                    PruneNonNullableNulls(item, s?.Items);
                break;
        }
    }

    // Embedded objects' metadata goes through ObjectMeta decoding in the server, which loses unknown keys.
    private static void CoerceEmbedded(JsonNode? x, SchemaNode? s, string? path, List<string> unknown)
    {
        if (s is null)
            return;
        switch (x)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    if (s.EmbeddedResource && key == "metadata" && value is JsonObject meta)
                    {
                        foreach (var (metaKey, metaValue) in meta.ToList())
                        {
                            if (!ObjectMetaFields.Contains(metaKey))
                            {
                                unknown.Add(FieldPath.Child(path, "metadata") + "." + metaKey);
                                meta.Remove(metaKey);
                            }
                            else if (metaKey == "creationTimestamp" && metaValue is null)
                                meta.Remove(metaKey);
                        }
                    }
                    if (s.Property(key) is { } property)
                        CoerceEmbedded(value, property, FieldPath.Child(path, key), unknown);
                    else if (s.HasAdditionalProperties)
                        CoerceEmbedded(value, s.AdditionalProperties, FieldPath.Key(path, key), unknown);
                }
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                    CoerceEmbedded(list[i], s.Items, FieldPath.Index(path, i), unknown);
                break;
        }
    }
}
