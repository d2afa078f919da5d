using System.Text.Json.Nodes;
using Kruise.Actors.LocalCluster.Schemas;

namespace Kruise.Actors.LocalCluster.Tests.Schemas;

public class SchemaPrunerTests
{
    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Unknown_spec_fields_are_pruned_and_reported(string form)
    {
        var obj = SchemaFixtures.CloneSet(SchemaFixtures.ValidSpec
            .Replace("\"replicas\": 3", "\"replicas\": 3, \"foo\": { \"bar\": 1 }", StringComparison.Ordinal)
            .Replace("\"partition\": 1", "\"partition\": 1, \"bogus\": true, \"scatterStrategy\": [ { \"key\": \"k\", \"value\": \"v\", \"extra\": 1 } ]", StringComparison.Ordinal));
        obj["status"] = new JsonObject { ["replicas"] = 1, ["unknown"] = "x" };
        obj["topLevel"] = 1;

        var result = SchemaPruner.Prune(obj, SchemaFixtures.CloneSetSchema(form));

        Assert.Equal(["spec.foo", "spec.updateStrategy.bogus", "spec.updateStrategy.scatterStrategy[0].extra", "status.unknown", "topLevel"], result.UnknownFields);
        var spec = result.Object["spec"]!.AsObject();
        Assert.False(spec.ContainsKey("foo"));
        Assert.False(spec["updateStrategy"]!.AsObject().ContainsKey("bogus"));
        Assert.Equal("""{"key":"k","value":"v"}""", spec["updateStrategy"]!["scatterStrategy"]![0]!.ToJsonString());
        Assert.Equal("""{"replicas":1}""", result.Object["status"]!.ToJsonString());
        Assert.Equal(3, (int)spec["replicas"]!);
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Preserve_unknown_fields_keeps_the_template_intact(string form)
    {
        var obj = SchemaFixtures.CloneSet();
        obj["spec"]!["template"]!["spec"]!["anything"] = new JsonObject { ["goes"] = new JsonArray(1, "two", null) };
        var template = obj["spec"]!["template"]!.ToJsonString();

        var result = SchemaPruner.Prune(obj, SchemaFixtures.CloneSetSchema(form));

        Assert.Empty(result.UnknownFields);
        Assert.Equal(template, result.Object["spec"]!["template"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Root_apiVersion_kind_and_metadata_are_never_pruned_and_the_input_is_untouched(string form)
    {
        var obj = SchemaFixtures.CloneSet();
        obj["metadata"]!["notAMetaField"] = 1;
        obj["spec"]!["foo"] = 1;
        var before = obj.ToJsonString();

        var result = SchemaPruner.Prune(obj, SchemaFixtures.CloneSetSchema(form));

        Assert.Equal(["spec.foo"], result.UnknownFields);
        Assert.Equal(before, obj.ToJsonString());
        Assert.Equal(obj["metadata"]!.ToJsonString(), result.Object["metadata"]!.ToJsonString());
        Assert.Equal("CloneSet", (string)result.Object["kind"]!);
        Assert.Equal("apps.kruise.io/v1alpha1", (string)result.Object["apiVersion"]!);
    }

    [Fact]
    public void Map_values_are_pruned_by_additionalProperties_and_nested_preserve_switches_back_to_pruning()
    {
        var schema = SchemaFixtures.Schema("""
            {
              "type": "object",
              "properties": {
                "spec": {
                  "type": "object",
                  "properties": {
                    "byName": { "type": "object", "additionalProperties": { "type": "object", "properties": { "size": { "type": "integer" } } } },
                    "open": {
                      "type": "object", "x-kubernetes-preserve-unknown-fields": true,
                      "properties": { "strict": { "type": "object", "properties": { "a": { "type": "string" } } } }
                    },
                    "nonNullable": { "type": "string" },
                    "withDefault": { "type": "string", "default": "d" },
                    "nullable": { "type": "string", "nullable": true }
                  }
                }
              }
            }
            """);
        var obj = SchemaFixtures.Object("""
            { "spec": {
                "byName": { "x": { "size": 1, "color": "red" } },
                "open": { "free": { "deep": 1 }, "strict": { "a": "1", "b": 2 } },
                "nonNullable": null, "withDefault": null, "nullable": null } }
            """);

        var result = SchemaPruner.Prune(obj, schema);

        Assert.Equal(["spec.byName.x.color", "spec.open.strict.b"], result.UnknownFields);
        Assert.Equal(
            """{"byName":{"x":{"size":1}},"open":{"free":{"deep":1},"strict":{"a":"1"}},"withDefault":null,"nullable":null}""",
            result.Object["spec"]!.ToJsonString());
    }

    [Fact]
    public void Embedded_resources_keep_type_meta_and_known_metadata_only()
    {
        var schema = SchemaFixtures.Schema("""
            {
              "type": "object",
              "properties": {
                "spec": {
                  "type": "object",
                  "properties": {
                    "resource": { "type": "object", "x-kubernetes-embedded-resource": true, "properties": { "data": { "type": "string" } } }
                  }
                }
              }
            }
            """);
        var obj = SchemaFixtures.Object("""
            { "spec": { "resource": { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "x", "bogus": 1 }, "data": "d", "extra": 1 } } }
            """);

        var result = SchemaPruner.Prune(obj, schema);

        Assert.Equal(["spec.resource.extra", "spec.resource.metadata.bogus"], result.UnknownFields);
        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":"d"}""",
            result.Object["spec"]!["resource"]!.ToJsonString());
    }
}
