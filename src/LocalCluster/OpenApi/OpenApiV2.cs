using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Resources;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// The /openapi/v2 document (Swagger 2.0), for clients that predate OpenAPI v3: the v3 documents of all
/// group-versions merged and rewritten in Swagger's terms (definitions, body parameters, consumes/produces).
/// </summary>
public static class OpenApiV2
{
    private const string V3Prefix = ModelSchemas.RefPrefix;
    private const string V2Prefix = "#/definitions/";

    public static JsonObject Document(IReadOnlyList<ResourceType> resources)
    {
        var definitions = new JsonObject();
        var paths = new JsonObject();
        foreach (var groupVersion in OpenApiV3.GroupVersionPaths(resources))
        {
            var document = OpenApiV3.Document(resources, groupVersion)!;
            foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
            {
                if (!definitions.ContainsKey(name))
                    definitions[name] = Schema(schema!);
            }
            foreach (var (path, item) in document["paths"]!.AsObject())
                paths[path] = PathItem(item!.AsObject());
        }

        return CanonicalJson.Sorted(new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "unversioned" },
            ["paths"] = paths,
            ["definitions"] = definitions,
            ["securityDefinitions"] = new JsonObject
            {
                ["BearerToken"] = new JsonObject
                {
                    ["type"] = "apiKey",
                    ["description"] = "Bearer Token authentication",
                    ["name"] = "authorization",
                    ["in"] = "header",
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        });
    }

    /// <summary>
    /// A schema in Swagger 2.0 terms: refs point into definitions; a lone allOf reference becomes a plain
    /// $ref (Swagger allows siblings); oneOf/anyOf, which Swagger lacks, become int-or-string or are dropped.
    /// </summary>
    private static JsonNode Schema(JsonNode node)
    {
        if (node is not JsonObject source)
            return node.DeepClone();
        var schema = new JsonObject();
        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case "$ref" when value is JsonValue reference:
                    schema[key] = V2Prefix + reference.GetValue<string>()[V3Prefix.Length..];
                    break;
                case "properties" or "patternProperties" when value is JsonObject fields:
                    schema[key] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)Schema(f.Value!))));
                    break;
                case "items" or "additionalProperties" or "not" when value is JsonObject:
                    schema[key] = Schema(value);
                    break;
                case "allOf" when value is JsonArray { Count: 1 } only && only[0] is JsonObject inner && inner.ContainsKey("$ref") && !source.ContainsKey("properties"):
                    schema["$ref"] = V2Prefix + inner["$ref"]!.GetValue<string>()[V3Prefix.Length..];
                    break;
                case "allOf" when value is JsonArray parts:
                    schema[key] = new JsonArray(parts.Select(p => (JsonNode?)Schema(p!)).ToArray());
                    break;
                case "oneOf" or "anyOf" or "nullable":
                    break;
                default:
                    schema[key] = value?.DeepClone();
                    break;
            }
        }
        if (IsIntOrString(source))
        {
            schema["type"] = "string";
            schema["format"] = "int-or-string";
        }
        return schema;
    }

    private static bool IsIntOrString(JsonObject schema) =>
        schema["x-kubernetes-int-or-string"] is JsonValue flag && flag.GetValue<bool>()
        || schema["format"] is JsonValue format && format.GetValue<string>() == "int-or-string";

    private static JsonObject PathItem(JsonObject item)
    {
        var converted = new JsonObject();
        foreach (var (key, value) in item)
        {
            converted[key] = key == "parameters"
                ? new JsonArray(value!.AsArray().Select(p => (JsonNode?)Parameter(p!.AsObject())).ToArray())
                : Operation(value!.AsObject());
        }
        return converted;
    }

    private static JsonObject Operation(JsonObject operation)
    {
        var converted = new JsonObject();
        var parameters = new JsonArray();
        foreach (var (key, value) in operation)
        {
            switch (key)
            {
                case "parameters":
                    foreach (var parameter in value!.AsArray())
                        parameters.Add(Parameter(parameter!.AsObject()));
                    break;
                case "requestBody":
                    var content = value!["content"]!.AsObject();
                    converted["consumes"] = new JsonArray(content.Select(c => (JsonNode?)c.Key).ToArray());
                    parameters.Insert(0, new JsonObject
                    {
                        ["name"] = "body",
                        ["in"] = "body",
                        ["required"] = value["required"]?.GetValue<bool>() ?? false,
                        ["schema"] = Schema(content.First().Value!["schema"]!),
                    });
                    break;
                case "responses":
                    converted[key] = Responses(value!.AsObject(), out var produces);
                    if (produces.Count > 0)
                        converted["produces"] = new JsonArray(produces.Select(p => (JsonNode?)p).ToArray());
                    break;
                default:
                    converted[key] = value?.DeepClone();
                    break;
            }
        }
        if (parameters.Count > 0)
            converted["parameters"] = parameters;
        return converted;
    }

    private static JsonObject Responses(JsonObject responses, out SortedSet<string> produces)
    {
        produces = new SortedSet<string>(StringComparer.Ordinal);
        var converted = new JsonObject();
        foreach (var (code, response) in responses)
        {
            var entry = new JsonObject { ["description"] = response!["description"]?.DeepClone() };
            if (response["content"] is JsonObject content && content.Count > 0)
            {
                produces.UnionWith(content.Select(c => c.Key));
                entry["schema"] = Schema(content.First().Value!["schema"]!);
            }
            converted[code] = entry;
        }
        return converted;
    }

    /// <summary>Swagger parameters carry their type directly instead of a schema.</summary>
    private static JsonObject Parameter(JsonObject parameter)
    {
        var converted = new JsonObject();
        foreach (var (key, value) in parameter)
        {
            if (key == "schema" && value is JsonObject schema)
            {
                foreach (var (schemaKey, schemaValue) in schema)
                    converted[schemaKey] = schemaValue?.DeepClone();
            }
            else
            {
                converted[key] = value?.DeepClone();
            }
        }
        return converted;
    }
}
