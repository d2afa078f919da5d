using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Kruise.Actors.Crds.Schema;

/// <summary>
/// Builds a structural OpenAPI v3 schema from a C# type, reading [JsonPropertyName] for field
/// names and our schema attributes for constraints. Works for our types and for KubernetesClient's
/// models alike, since both name their fields the same way.
/// </summary>
public static class SchemaBuilder
{
    /// <summary>The schema of a whole custom resource (apiVersion, kind, metadata, spec, status).</summary>
    public static V1JSONSchemaProps ForResource(Type type, string description)
    {
        var schema = ForObject(type, [type]);
        schema.Description = description;
        schema.Properties["spec"].Description ??= $"The desired state of the {type.Name}.";
        if (schema.Properties.TryGetValue("status", out var status))
            status.Description ??= $"The state of the {type.Name} as the controller last observed it.";
        // The API server owns metadata's schema; a CRD may only say it is an object.
        schema.Properties["metadata"] = new V1JSONSchemaProps { Type = "object" };
        return schema;
    }

    /// <summary>
    /// The schema of one model type on its own, as OpenAPI documents publish it: every nested type is
    /// first offered to <paramref name="reference"/>, whose answer (typically a <c>$ref</c> to a shared
    /// definition) replaces it; the types it declines (null) are mapped as for CRDs.
    /// </summary>
    public static V1JSONSchemaProps ForModel(Type type, Func<Type, V1JSONSchemaProps?> reference) =>
        ForObject(type, [type], reference);

    private static V1JSONSchemaProps ForObject(Type type, HashSet<Type> path, Func<Type, V1JSONSchemaProps?>? reference = null)
    {
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new List<string>();
        var coreRequired = CoreRequired.GetValueOrDefault(type) ?? [];
        // A class extending a KubernetesClient model describes only its own fields; the inherited ones stay open.
        var extendsModel = type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null;
        var flags = BindingFlags.Public | BindingFlags.Instance | (extendsModel ? BindingFlags.DeclaredOnly : BindingFlags.Default);
        foreach (var property in type.GetProperties(flags))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
                continue;
            properties[name] = ForProperty(property, path, reference);
            if (property.GetCustomAttribute<SchemaRequiredAttribute>() is not null || coreRequired.Contains(name))
                required.Add(name);
        }
        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>(properties),
            Required = required.Count > 0 ? required.Order(StringComparer.Ordinal).ToList() : null,
            XKubernetesPreserveUnknownFields = extendsModel ? true : null,
        };
    }

    private static V1JSONSchemaProps ForProperty(PropertyInfo property, HashSet<Type> path, Func<Type, V1JSONSchemaProps?>? reference)
    {
        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
            return new V1JSONSchemaProps { Description = description, XKubernetesPreserveUnknownFields = true };

        var schema = ForType(property.PropertyType, path, reference);
        schema.Description = description;
        if (property.GetCustomAttribute<MinimumAttribute>() is { } min)
            schema.Minimum = min.Value;
        if (property.GetCustomAttribute<MaximumAttribute>() is { } max)
            schema.Maximum = max.Value;
        if (property.GetCustomAttribute<EnumValuesAttribute>() is { } values)
            schema.EnumProperty = values.Values.Cast<object>().ToList();
        if (property.GetCustomAttribute<EmbeddedResourceAttribute>() is not null)
        {
            schema.XKubernetesEmbeddedResource = true;
            schema.XKubernetesPreserveUnknownFields = true;
        }
        return schema;
    }

    private static V1JSONSchemaProps ForType(Type type, HashSet<Type> path, Func<Type, V1JSONSchemaProps?>? reference)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (reference?.Invoke(type) is { } referenced)
            return referenced;
        if (type == typeof(string))
            return new V1JSONSchemaProps { Type = "string" };
        if (type == typeof(bool))
            return new V1JSONSchemaProps { Type = "boolean" };
        if (type == typeof(int) || type == typeof(short))
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        if (type == typeof(long))
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            return new V1JSONSchemaProps { Type = "number" };
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        if (type == typeof(byte[]))
            return new V1JSONSchemaProps { Type = "string", Format = "byte" };
        if (type == typeof(IntOrString))
            return IntOrStringSchema(pattern: null);
        if (type == typeof(ResourceQuantity))
            return IntOrStringSchema(@"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$");
        if (type == typeof(V1ObjectMeta))
            // Nested object metadata (templates): keep what the user wrote; the webhook validates it.
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        if (type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(Common.RawExtension))
            return new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true };

        if (DictionaryValueType(type) is { } valueType)
            return new V1JSONSchemaProps
            {
                Type = "object",
                AdditionalProperties = ForType(valueType, path, reference),
            };
        if (ListElementType(type) is { } elementType)
            return new V1JSONSchemaProps
            {
                Type = "array",
                Items = ForType(elementType, path, reference),
            };

        if (!type.IsClass)
            throw new NotSupportedException($"No schema mapping for {type.FullName}");
        if (!path.Add(type))
            // A recursive type (rare in Kubernetes models) cannot be written structurally; keep it open.
            return new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        try
        {
            return ForObject(type, path, reference);
        }
        finally
        {
            path.Remove(type);
        }
    }

    /// <summary>
    /// KubernetesClient's models do not mark required fields, so the ones that matter for the
    /// core types we embed are listed here, as Kubernetes' own OpenAPI has them.
    /// </summary>
    private static readonly Dictionary<Type, string[]> CoreRequired = new()
    {
        [typeof(V1LabelSelectorRequirement)] = ["key", "operator"],
        [typeof(V1NodeSelectorRequirement)] = ["key", "operator"],
        [typeof(V1NodeSelector)] = ["nodeSelectorTerms"],
        [typeof(V1PreferredSchedulingTerm)] = ["preference", "weight"],
        [typeof(V1OwnerReference)] = ["apiVersion", "kind", "name", "uid"],
        [typeof(V1EnvVar)] = ["name"],
        [typeof(V1ContainerPort)] = ["containerPort"],
    };

    private static V1JSONSchemaProps IntOrStringSchema(string? pattern) => new()
    {
        AnyOf = [new V1JSONSchemaProps { Type = "integer" }, new V1JSONSchemaProps { Type = "string" }],
        Pattern = pattern,
        XKubernetesIntOrString = true,
    };

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[0] == typeof(string) ? dictionary.GetGenericArguments()[1] : null;
    }

    private static Type? ListElementType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
            return null;
        if (type.IsArray)
            return type.GetElementType();
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
