using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.OpenApi;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>
/// /openapi/v2 as gnostic's openapi_v2.Document, the form kubectl 1.27 and 1.28 read: the field
/// numbers checked here are those of gnostic-models openapiv2/OpenAPIv2.proto.
/// </summary>
public class GnosticDocumentTests
{
    private static readonly ProtoMessage Small = new(GnosticDocument.Encode(JsonNode.Parse("""
        {
          "swagger": "2.0",
          "info": {"title": "Kubernetes", "version": "unversioned"},
          "paths": {
            "/api/v1/namespaces/{namespace}/pods/{name}": {
              "parameters": [{"name": "name", "in": "path", "required": true, "type": "string", "uniqueItems": true}],
              "patch": {
                "operationId": "patchCoreV1NamespacedPod",
                "consumes": ["application/json-patch+json", "application/strategic-merge-patch+json"],
                "parameters": [
                  {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Patch"}},
                  {"name": "fieldValidation", "in": "query", "type": "string", "uniqueItems": true}
                ],
                "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Pod"}}},
                "x-kubernetes-group-version-kind": {"group": "", "kind": "Pod", "version": "v1"}
              }
            }
          },
          "definitions": {
            "Pod": {
              "type": "object",
              "required": ["spec"],
              "properties": {
                "spec": {"description": "The spec.", "$ref": "#/definitions/PodSpec"},
                "ports": {"type": "array", "items": {"type": "integer", "format": "int32", "maximum": 65535},
                          "x-kubernetes-patch-merge-key": "containerPort", "x-kubernetes-patch-strategy": "merge"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "strict": {"type": "object", "properties": {}, "additionalProperties": false},
                "mode": {"type": "string", "enum": ["A", "B"], "default": "A"}
              },
              "x-kubernetes-group-version-kind": [{"group": "", "kind": "Pod", "version": "v1"}]
            }
          },
          "securityDefinitions": {"BearerToken": {"type": "apiKey", "name": "authorization", "in": "header"}},
          "security": [{"BearerToken": []}]
        }
        """)!.AsObject()));

    [Fact]
    public void Document_fields_carry_their_gnostic_numbers()
    {
        Assert.Equal("2.0", Small.String(1));
        Assert.Equal("Kubernetes", Small.Message(2).String(1));
        Assert.Equal(["/api/v1/namespaces/{namespace}/pods/{name}"], Small.Message(8).Names(2));
        Assert.Equal(["Pod"], Small.Message(9).Names(1));
        var requirement = Small.Messages(12).Single().Messages(1).Single();
        Assert.Equal("BearerToken", requirement.String(1));
        var apiKey = Small.Message(13).Named(1, "BearerToken").Message(2);
        Assert.Equal(["apiKey", "authorization", "header"], [apiKey.String(1), apiKey.String(2), apiKey.String(3)]);
    }

    [Fact]
    public void Operations_keep_parameters_by_where_they_go_so_kubectl_finds_fieldValidation()
    {
        var item = Small.Message(8).Named(2, "/api/v1/namespaces/{namespace}/pods/{name}");
        var pathParameter = item.Message(9).Message(1).Message(2).Message(4);
        Assert.Equal(("path", "name", "string"), (pathParameter.String(2), pathParameter.String(4), pathParameter.String(5)));
        Assert.Equal(1UL, pathParameter.Number(1));

        var patch = item.Message(8);
        Assert.Equal("patchCoreV1NamespacedPod", patch.String(5));
        Assert.Contains("application/strategic-merge-patch+json", patch.Strings(7));
        var parameters = patch.Messages(8).Select(p => p.Message(1)).ToList();
        Assert.Equal("#/definitions/Patch", parameters[0].Message(1).Message(5).String(1));
        var query = parameters[1].Message(2).Message(3);
        Assert.Equal(("query", "fieldValidation", "string"), (query.String(2), query.String(4), query.String(6)));
        Assert.Equal(1UL, query.Number(20));

        var ok = patch.Message(9).Named(1, "200").Message(1);
        Assert.Equal("OK", ok.String(1));
        Assert.Equal("#/definitions/Pod", ok.Message(2).Message(1).String(1));
        var gvk = patch.Messages(13).Single();
        Assert.Equal("x-kubernetes-group-version-kind", gvk.String(1));
        Assert.Equal("""{"group":"","kind":"Pod","version":"v1"}""", gvk.Message(2).String(2));
    }

    [Fact]
    public void Schemas_map_type_items_maps_enums_and_extensions()
    {
        var pod = Small.Message(9).Named(1, "Pod");
        Assert.Equal(["object"], pod.Message(22).Strings(1));
        Assert.Equal(["spec"], pod.Strings(19));
        Assert.Equal("""[{"group":"","kind":"Pod","version":"v1"}]""", pod.Message(31).Message(2).String(2));

        var properties = pod.Message(25);
        Assert.Equal(["spec", "ports", "labels", "strict", "mode"], properties.Names(1));
        var spec = properties.Named(1, "spec");
        Assert.Equal(("#/definitions/PodSpec", "The spec."), (spec.String(1), spec.String(4)));

        var ports = properties.Named(1, "ports");
        var port = ports.Message(23).Message(1);
        Assert.Equal(("int32", 65535d), (port.String(2), port.Double(7)));
        Assert.Equal(["x-kubernetes-patch-merge-key", "x-kubernetes-patch-strategy"], ports.Names(31));
        Assert.Equal("\"merge\"", ports.Named(31, "x-kubernetes-patch-strategy").String(2));

        Assert.Equal(["string"], properties.Named(1, "labels").Message(21).Message(1).Message(22).Strings(1));
        var strict = properties.Named(1, "strict");
        Assert.True(strict.Has(25), "empty properties stay present: kube-openapi reads them as a kind");
        Assert.Equal(0UL, strict.Message(21).Number(2));

        var mode = properties.Named(1, "mode");
        Assert.Equal(["\"A\"", "\"B\""], mode.Messages(20).Select(a => a.String(2)));
        Assert.Equal("\"A\"", mode.Message(5).String(2));
    }

    [Fact]
    public void The_served_document_encodes_every_path_and_definition()
    {
        var json = OpenApiV2.Document(TestResources.WithCloneSet().All);
        var document = new ProtoMessage(GnosticDocument.Encode(json));
        Assert.Equal(json["paths"]!.AsObject().Select(p => p.Key), document.Message(8).Names(2));
        Assert.Equal(json["definitions"]!.AsObject().Select(d => d.Key), document.Message(9).Names(1));
        var cloneSet = document.Message(9).Named(1, "io.kruise.apps.v1alpha1.CloneSet");
        var partition = cloneSet.Message(25).Named(1, "spec").Message(25).Named(1, "updateStrategy").Message(25).Named(1, "partition");
        Assert.Equal("int-or-string", partition.String(2));
    }
}
