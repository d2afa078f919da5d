using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Protobuf;
using static Kruise.Actors.LocalCluster.OpenApi.GnosticFields;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// A Swagger 2.0 JSON document as gnostic's openapi_v2.Document in protobuf, the form
/// kube-apiserver serves /openapi/v2 in for
/// <c>Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>. kubectl up to 1.28
/// asks only for this form (apply's patch schemas and validation, explain) and cannot read JSON.
/// Field numbers are those of github.com/google/gnostic-models openapiv2/OpenAPIv2.proto.
/// </summary>
internal static class GnosticDocument
{
    public static byte[] Encode(JsonObject swagger)
    {
        var w = new ProtoWriter();
        String(w, 1, swagger["swagger"]);
        if (swagger["info"] is JsonObject info)
            w.Message(2, i => Info(i, info));
        String(w, 3, swagger["host"]);
        String(w, 4, swagger["basePath"]);
        Strings(w, 5, swagger["schemes"]);
        Strings(w, 6, swagger["consumes"]);
        Strings(w, 7, swagger["produces"]);
        if (swagger["paths"] is JsonObject paths)
        {
            w.Message(8, p =>
            {
                VendorExtensions(p, 1, paths);
                Named(p, 2, paths, PathItem, skipExtensions: true);
            });
        }
        if (swagger["definitions"] is JsonObject definitions)
            w.Message(9, d => Named(d, 1, definitions, GnosticSchema.Write));
        if (swagger["parameters"] is JsonObject parameters)
            w.Message(10, p => Named(p, 1, parameters, Parameter));
        if (swagger["responses"] is JsonObject responses)
            w.Message(11, r => Named(r, 1, responses, Response));
        foreach (var requirement in JsonRead.Objects(swagger, "security"))
            w.Message(12, r => SecurityRequirement(r, requirement));
        if (swagger["securityDefinitions"] is JsonObject security)
            w.Message(13, s => Named(s, 1, security, SecurityScheme));
        foreach (var tag in JsonRead.Objects(swagger, "tags"))
        {
            w.Message(14, t =>
            {
                String(t, 1, tag["name"]);
                String(t, 2, tag["description"]);
                ExternalDocs(t, 3, tag["externalDocs"]);
                VendorExtensions(t, 4, tag);
            });
        }
        ExternalDocs(w, 15, swagger["externalDocs"]);
        VendorExtensions(w, 16, swagger);
        return w.ToArray();
    }

    private static void Info(ProtoWriter w, JsonObject info)
    {
        String(w, 1, info["title"]);
        String(w, 2, info["version"]);
        String(w, 3, info["description"]);
        String(w, 4, info["termsOfService"]);
        if (info["contact"] is JsonObject contact)
        {
            w.Message(5, c =>
            {
                Fields(c, contact, 1, "name", "url", "email");
                VendorExtensions(c, 4, contact);
            });
        }
        if (info["license"] is JsonObject license)
        {
            w.Message(6, l =>
            {
                Fields(l, license, 1, "name", "url");
                VendorExtensions(l, 3, license);
            });
        }
        VendorExtensions(w, 7, info);
    }

    private static void PathItem(ProtoWriter w, JsonObject item)
    {
        String(w, 1, item["$ref"]);
        string[] methods = ["get", "put", "post", "delete", "options", "head", "patch"];
        for (var i = 0; i < methods.Length; i++)
        {
            if (item[methods[i]] is JsonObject operation)
                w.Message(2 + i, o => Operation(o, operation));
        }
        ParametersItems(w, 9, item["parameters"]);
        VendorExtensions(w, 10, item);
    }

    private static void Operation(ProtoWriter w, JsonObject op)
    {
        Strings(w, 1, op["tags"]);
        String(w, 2, op["summary"]);
        String(w, 3, op["description"]);
        ExternalDocs(w, 4, op["externalDocs"]);
        String(w, 5, op["operationId"]);
        Strings(w, 6, op["produces"]);
        Strings(w, 7, op["consumes"]);
        ParametersItems(w, 8, op["parameters"]);
        if (op["responses"] is JsonObject responses)
        {
            w.Message(9, r =>
            {
                Named(r, 1, responses, ResponseValue, skipExtensions: true);
                VendorExtensions(r, 2, responses);
            });
        }
        Strings(w, 10, op["schemes"]);
        Bool(w, 11, op["deprecated"]);
        foreach (var requirement in JsonRead.Objects(op, "security"))
            w.Message(12, r => SecurityRequirement(r, requirement));
        VendorExtensions(w, 13, op);
    }

    /// <summary>ParametersItem: a parameter {1}, or a JsonReference {2: {1: $ref}}.</summary>
    private static void ParametersItems(ProtoWriter w, int field, JsonNode? parameters)
    {
        foreach (var parameter in JsonRead.Objects(parameters))
        {
            w.Message(field, item =>
            {
                if (parameter.ContainsKey("$ref"))
                    item.Message(2, r => Fields(r, parameter, 1, "$ref", "description"));
                else
                    item.Message(1, p => Parameter(p, parameter));
            });
        }
    }

    /// <summary>
    /// Parameter: BodyParameter {1}, or NonBodyParameter {2} holding the sub-schema for where it
    /// goes (header 1, formData 2, query 3, path 4). kubectl finds fieldValidation support by
    /// the name of a query sub-schema here.
    /// </summary>
    private static void Parameter(ProtoWriter w, JsonObject p)
    {
        var location = JsonRead.Str(p, "in");
        if (location == "body")
        {
            w.Message(1, b =>
            {
                Fields(b, p, 1, "description", "name", "in");
                Bool(b, 4, p["required"]);
                if (p["schema"] is JsonObject schema)
                    b.Message(5, s => GnosticSchema.Write(s, schema));
                VendorExtensions(b, 6, p);
            });
            return;
        }
        int? kind = location switch { "header" => 1, "formData" => 2, "query" => 3, "path" => 4, _ => null };
        if (kind is not { } subSchema)
            return;
        w.Message(2, n => n.Message(subSchema, s =>
        {
            // required, in, description, name; query and formData then have allowEmptyValue.
            Bool(s, 1, p["required"]);
            Fields(s, p, 2, "in", "description", "name");
            var next = 5;
            if (subSchema is 2 or 3)
                Bool(s, next++, p["allowEmptyValue"]);
            next = GnosticSchema.Primitive(s, p, next);
            VendorExtensions(s, next, p);
        }));
    }

    /// <summary>ResponseValue: a Response {1}, or a JsonReference {2}.</summary>
    private static void ResponseValue(ProtoWriter w, JsonObject value)
    {
        if (value.ContainsKey("$ref"))
            w.Message(2, r => Fields(r, value, 1, "$ref", "description"));
        else
            w.Message(1, r => Response(r, value));
    }

    private static void Response(ProtoWriter w, JsonObject response)
    {
        String(w, 1, response["description"]);
        if (response["schema"] is JsonObject schema)
        {
            // SchemaItem: a Schema {1}, or a FileSchema {2} for type: file, whose fields we never produce.
            w.Message(2, item => item.Message(1, s => GnosticSchema.Write(s, schema)));
        }
        if (response["headers"] is JsonObject headers)
        {
            w.Message(3, h => Named(h, 1, headers, (header, json) =>
            {
                var next = GnosticSchema.Primitive(header, json, 1);
                String(header, next, json["description"]);
                VendorExtensions(header, next + 1, json);
            }));
        }
        if (response["examples"] is JsonObject examples)
            w.Message(4, e => NamedAnys(e, examples));
        VendorExtensions(w, 5, response);
    }

    /// <summary>SecurityRequirement: NamedStringArray {1: scheme, 2: StringArray{1: scopes}}.</summary>
    private static void SecurityRequirement(ProtoWriter w, JsonObject requirement)
    {
        foreach (var (scheme, scopes) in requirement)
            w.Message(1, named => named.String(1, scheme).Message(2, list => Strings(list, 1, scopes)));
    }

    /// <summary>SecurityDefinitionsItem: basic {1} or apiKey {2}; the four OAuth2 flows are not written (never served here).</summary>
    private static void SecurityScheme(ProtoWriter w, JsonObject scheme)
    {
        switch (JsonRead.Str(scheme, "type"))
        {
            case "basic":
                w.Message(1, b =>
                {
                    Fields(b, scheme, 1, "type", "description");
                    VendorExtensions(b, 3, scheme);
                });
                break;
            case "apiKey":
                w.Message(2, k =>
                {
                    Fields(k, scheme, 1, "type", "name", "in", "description");
                    VendorExtensions(k, 5, scheme);
                });
                break;
        }
    }

    private static void NamedAnys(ProtoWriter w, JsonObject map)
    {
        foreach (var (name, _) in map)
        {
            w.Message(1, named =>
            {
                named.String(1, name);
                Any(named, 2, map, name);
            });
        }
    }

    /// <summary>String fields numbered consecutively from <paramref name="first"/>.</summary>
    private static void Fields(ProtoWriter w, JsonObject source, int first, params string[] keys)
    {
        for (var i = 0; i < keys.Length; i++)
            String(w, first + i, source[keys[i]]);
    }
}
