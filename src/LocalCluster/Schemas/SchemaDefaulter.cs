using System.Text.Json.Nodes;
using k8s.Models;

namespace Kruise.Actors.LocalCluster.Schemas;

/// <summary>
/// Applies schema defaults the way apiextensions-apiserver does (defaulting/algorithm.go): a missing
/// property, or a null one the schema does not allow, gets a copy of its default; then every present
/// value is defaulted recursively, so a default object inserted for a parent gets its children's
/// defaults too. A parent without a default is never created just to hold a child's default. Null
/// array items and null additionalProperties values take the items/additionalProperties default.
/// Run it after <see cref="SchemaPruner"/> (which leaves the nulls that have defaults) and before
/// <see cref="SchemaValidator"/>.
/// </summary>
public static class SchemaDefaulter
{
    /// <summary>Returns a defaulted copy of <paramref name="obj"/>; the input is left as it was.</summary>
    public static JsonObject Apply(JsonObject obj, V1JSONSchemaProps? schema)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = (JsonObject)obj.DeepClone();
        if (schema is not null)
            Default(copy, SchemaNode.Of(schema));
        return copy;
    }

    internal static void Default(JsonNode? x, SchemaNode? s)
    {
        if (s is null)
            return;
        switch (x)
        {
            case JsonObject map:
                foreach (var (name, property) in s.Properties)
                {
                    if (property.Default is null)
                        continue;
                    if (!map.TryGetPropertyValue(name, out var value) || IsNonNullableNull(value, property))
                        map[name] = property.Default.DeepClone();
                }
                foreach (var (key, value) in map.ToList())
                {
                    if (s.Property(key) is { } property)
                        Default(value, property);
                    else if (s.HasAdditionalProperties)
                    {
                        var values = s.AdditionalProperties;
                        var current = value;
                        if (IsNonNullableNull(value, values))
                        {
                            current = values!.Default?.DeepClone();
                            map[key] = current;
                        }
                        Default(current, values);
                    }
                }
                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    var item = list[i];
                    if (IsNonNullableNull(item, s.Items))
                    {
                        item = s.Items!.Default?.DeepClone();
                        list[i] = item;
                    }
                    Default(item, s.Items);
                }
                break;
        }
    }

    private static bool IsNonNullableNull(JsonNode? value, SchemaNode? s) => value is null && s is { Nullable: false };
}
