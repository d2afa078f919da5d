using System.Text.Json;
using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Protobuf;
using static Kruise.Actors.LocalCluster.OpenApi.GnosticFields;

namespace Kruise.Actors.LocalCluster.OpenApi;

/// <summary>
/// Swagger schemas and parameter primitives as gnostic openapi_v2 messages (field numbers from
/// github.com/google/gnostic-models openapiv2/OpenAPIv2.proto). Keys gnostic has no field for
/// are dropped, as its own compiler would refuse them.
/// </summary>
internal static class GnosticSchema
{
    /// <summary>openapi_v2.Schema.</summary>
    public static void Write(ProtoWriter w, JsonObject s)
    {
        String(w, 1, s["$ref"]);
        String(w, 2, s["format"]);
        String(w, 3, s["title"]);
        String(w, 4, s["description"]);
        Any(w, 5, s, "default");
        Double(w, 6, s["multipleOf"]);
        Double(w, 7, s["maximum"]);
        Bool(w, 8, s["exclusiveMaximum"]);
        Double(w, 9, s["minimum"]);
        Bool(w, 10, s["exclusiveMinimum"]);
        Int(w, 11, s["maxLength"]);
        Int(w, 12, s["minLength"]);
        String(w, 13, s["pattern"]);
        Int(w, 14, s["maxItems"]);
        Int(w, 15, s["minItems"]);
        Bool(w, 16, s["uniqueItems"]);
        Int(w, 17, s["maxProperties"]);
        Int(w, 18, s["minProperties"]);
        Strings(w, 19, s["required"]);
        Anys(w, 20, s["enum"]);
        switch (s["additionalProperties"])
        {
            case JsonObject schema:
                w.Message(21, item => item.Message(1, inner => Write(inner, schema)));
                break;
            case JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                // A oneof member, so false is written too: additionalProperties: false is not "unset".
                w.Message(21, item => item.Bool(2, flag.GetValueKind() == JsonValueKind.True));
                break;
        }
        if (s["type"] is { } type)
            w.Message(22, item => Strings(item, 1, type));
        switch (s["items"])
        {
            case JsonObject single:
                w.Message(23, item => item.Message(1, inner => Write(inner, single)));
                break;
            case JsonArray tuple:
                w.Message(23, item =>
                {
                    foreach (var element in tuple.OfType<JsonObject>())
                        item.Message(1, inner => Write(inner, element));
                });
                break;
        }
        foreach (var part in JsonRead.Objects(s, "allOf"))
            w.Message(24, inner => Write(inner, part));
        if (s["properties"] is JsonObject properties)
            w.Message(25, p => Named(p, 1, properties, Write)); // present even when empty: kube-openapi reads that as a kind
        String(w, 26, s["discriminator"]);
        Bool(w, 27, s["readOnly"]);
        if (s["xml"] is JsonObject xml)
        {
            w.Message(28, x =>
            {
                String(x, 1, xml["name"]);
                String(x, 2, xml["namespace"]);
                String(x, 3, xml["prefix"]);
                Bool(x, 4, xml["attribute"]);
                Bool(x, 5, xml["wrapped"]);
                VendorExtensions(x, 6, xml);
            });
        }
        ExternalDocs(w, 29, s["externalDocs"]);
        Any(w, 30, s, "example");
        VendorExtensions(w, 31, s);
    }

    /// <summary>
    /// The type-and-validation run that PrimitivesItems, Header and the non-body parameter
    /// sub-schemas share, numbered consecutively from <paramref name="first"/>: type, format,
    /// items, collectionFormat, default, maximum, exclusiveMaximum, minimum, exclusiveMinimum,
    /// maxLength, minLength, pattern, maxItems, minItems, uniqueItems, enum, multipleOf.
    /// Returns the next field number.
    /// </summary>
    public static int Primitive(ProtoWriter w, JsonObject s, int first)
    {
        String(w, first, s["type"]);
        String(w, first + 1, s["format"]);
        if (s["items"] is JsonObject items)
        {
            w.Message(first + 2, inner =>
            {
                var next = Primitive(inner, items, 1);
                VendorExtensions(inner, next, items);
            });
        }
        String(w, first + 3, s["collectionFormat"]);
        Any(w, first + 4, s, "default");
        Double(w, first + 5, s["maximum"]);
        Bool(w, first + 6, s["exclusiveMaximum"]);
        Double(w, first + 7, s["minimum"]);
        Bool(w, first + 8, s["exclusiveMinimum"]);
        Int(w, first + 9, s["maxLength"]);
        Int(w, first + 10, s["minLength"]);
        String(w, first + 11, s["pattern"]);
        Int(w, first + 12, s["maxItems"]);
        Int(w, first + 13, s["minItems"]);
        Bool(w, first + 14, s["uniqueItems"]);
        Anys(w, first + 15, s["enum"]);
        Double(w, first + 16, s["multipleOf"]);
        return first + 17;
    }
}
