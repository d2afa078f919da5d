using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Kruise.Actors.Crds.Schema;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>One named schema of a document and the other named schemas it refers to.</summary>
public sealed record SchemaComponent(string Name, JsonObject Schema, IReadOnlyList<Type> References);

/// <summary>
/// The OpenAPI schemas of the built-in types: SchemaBuilder maps the KubernetesClient model; each
/// nested model becomes a <c>$ref</c> to its own named schema, as in Kubernetes' documents; descriptions,
/// patch strategies and the group-version-kind are added on top. Built once per type (built-ins never change).
/// </summary>
public static class ModelSchemas
{
    public const string RefPrefix = "#/components/schemas/";

    private static readonly ConcurrentDictionary<Type, SchemaComponent> Cache = new();

    /// <summary>The schema of a model type (treat as read-only; copy it into a document).</summary>
    public static SchemaComponent Of(Type type) => Cache.GetOrAdd(type, Build);

    public static JsonObject Ref(string name) => new() { ["$ref"] = RefPrefix + name };

    public static JsonArray GroupVersionKind(string group, string version, string kind) =>
        [new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version }];

    private static SchemaComponent Build(Type type)
    {
        if (type == typeof(IntOrString))
            return Fixed(ModelNames.IntOrString, new JsonObject
            {
                ["description"] = "IntOrString holds an int32 or a string.",
                ["format"] = "int-or-string",
                ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
            });
        if (type == typeof(ResourceQuantity))
            return Fixed(ModelNames.Quantity, new JsonObject
            {
                ["description"] = "A fixed-point number with an optional suffix, such as 100m, 1.5Gi or 2.",
                ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }),
            });

        var references = new List<Type>();
        var built = SchemaBuilder.ForModel(type, nested => Reference(nested, references));
        var schema = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(built))!;
        if (ModelDocs.OfType(type) is { } description)
            schema["description"] = description;
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var field = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                if (field is null || properties[field] is not JsonObject fieldSchema)
                    continue;
                properties.Remove(field);
                properties[field] = Decorate(fieldSchema, ModelDocs.OfProperty(property), PatchStrategies.For(type, field));
            }
        }
        var name = ModelNames.Of(type);
        if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { } entity && name == $"{ModelNames.Package(entity.Group, entity.ApiVersion)}.{entity.Kind}")
            schema["x-kubernetes-group-version-kind"] = GroupVersionKind(entity.Group, entity.ApiVersion, entity.Kind);
        // Cached schemas are read (copied) by concurrent document builds: rebuild the tree eagerly, as
        // nodes parsed from JSON materialize their children lazily on first access, which is not thread-safe.
        return new SchemaComponent(name, CanonicalJson.Sorted(schema), references.Distinct().ToList());
    }

    private static SchemaComponent Fixed(string name, JsonObject schema) => new(name, CanonicalJson.Sorted(schema), []);

    private static V1JSONSchemaProps? Reference(Type type, List<Type> references)
    {
        string name;
        if (type == typeof(IntOrString))
            name = ModelNames.IntOrString;
        else if (type == typeof(ResourceQuantity))
            name = ModelNames.Quantity;
        else if (ModelNames.IsModel(type))
            name = ModelNames.Of(type);
        else
            return null;
        references.Add(type);
        return new V1JSONSchemaProps { RefProperty = RefPrefix + name };
    }

    /// <summary>
    /// Adds a field's description and patch strategy. A <c>$ref</c> cannot carry siblings in OpenAPI 3.0, so
    /// a described reference is wrapped in <c>allOf</c>, as Kubernetes does (kubectl follows both forms).
    /// </summary>
    private static JsonObject Decorate(JsonObject field, string? description, PatchStrategy? strategy)
    {
        if (description is null && strategy is null)
            return field;
        if (field["$ref"] is not null)
            field = new JsonObject { ["allOf"] = new JsonArray(field) };
        if (description is not null)
            field["description"] = description;
        if (strategy is not null)
        {
            field["x-kubernetes-patch-strategy"] = strategy.Strategy;
            if (strategy.MergeKey is not null)
                field["x-kubernetes-patch-merge-key"] = strategy.MergeKey;
        }
        return field;
    }
}
