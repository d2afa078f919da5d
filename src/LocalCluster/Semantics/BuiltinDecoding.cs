using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.Crds.Common;
using Kruise.Actors.LocalCluster.OpenApi;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.Semantics;

/// <summary>
/// The real apiserver decodes built-in objects into Go structs, so a field of the wrong type is a
/// 400 before anything is stored. Decoding into KubernetesClient's model of the kind does the same here.
/// Every object's apiVersion and kind, and a custom resource's metadata, are checked the same way.
/// </summary>
public static class BuiltinDecoding
{
    // Every write checks its object: resolve each resource's model once (the lookup by group,
    // version and kind showed in profiles), keyed by the registry's own ResourceType instances.
    private static readonly ConcurrentDictionary<ResourceType, Type?> Models = new(ReferenceEqualityComparer.Instance);

    /// <summary>Decodes a built-in object as its model (400 when a field has the wrong type); null for custom resources.</summary>
    public static object? Check(ResourceType type, JsonObject obj)
    {
        ObjectMetaDecoding.CheckTypeMeta(type.Kind, obj);
        if (type.IsCustom)
        {
            // The apiextensions server decodes only a custom resource's metadata; its schema judges the rest.
            if (ObjectMetaDecoding.MetadataError(obj["metadata"]) is { } error)
                throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: metadata: Invalid value: {obj["metadata"]!.ToJsonString()}: {error}");
            return null;
        }
        if (Models.GetOrAdd(type, static t => ModelNames.ModelOf(t.Group, t.Version, t.Kind)) is not { } model)
            return null;
        try
        {
            // Straight from the node: no intermediate string, the same bytes and so the same error positions.
            return obj.Deserialize(model, KubernetesJsonMetadata.Options);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {e.Message}");
        }
    }
}
