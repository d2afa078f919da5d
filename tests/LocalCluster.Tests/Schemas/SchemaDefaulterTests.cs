using k8s;
using k8s.Models;
using Kruise.Actors.LocalCluster.Schemas;

namespace Kruise.Actors.LocalCluster.Tests.Schemas;

public class SchemaDefaulterTests
{
    private const string SchemaJson = """
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "replicas": { "type": "integer", "default": 1 },
                "strategy": {
                  "type": "object", "default": {},
                  "properties": {
                    "type": { "type": "string", "default": "RollingUpdate" },
                    "maxSurge": { "x-kubernetes-int-or-string": true, "anyOf": [ { "type": "integer" }, { "type": "string" } ], "default": "25%" }
                  }
                },
                "noDefaultParent": { "type": "object", "properties": { "x": { "type": "string", "default": "y" } } },
                "ports": { "type": "array", "items": { "type": "object", "properties": { "protocol": { "type": "string", "default": "TCP" } } } },
                "labels": { "type": "object", "additionalProperties": { "type": "string", "default": "v" } },
                "note": { "type": "string", "nullable": true, "default": "n" }
              }
            }
          }
        }
        """;

    public static TheoryData<string> Forms => ["json", "yaml"];

    // The same schema read as JSON (JsonElement slots) and as YAML, of which JSON is a subset (dictionary and CLR scalar slots).
    private static V1JSONSchemaProps Schema(string form) => form == "json"
        ? SchemaFixtures.Schema(SchemaJson)
        : KubernetesYaml.Deserialize<V1JSONSchemaProps>(SchemaJson);

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_schema_is_one_a_CRD_may_declare(string form) => Assert.Empty(StructuralSchema.Check(Schema(form)));

    [Theory]
    [MemberData(nameof(Forms))]
    public void Missing_fields_get_defaults_and_a_defaulted_parent_gets_its_children_defaults(string form)
    {
        var result = SchemaDefaulter.Apply(SchemaFixtures.Object("""{ "spec": {} }"""), Schema(form));

        Assert.Equal(
            """{"spec":{"replicas":1,"strategy":{"type":"RollingUpdate","maxSurge":"25%"},"note":"n"}}""",
            result.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Given_values_win_and_items_and_map_values_are_defaulted(string form)
    {
        var input = SchemaFixtures.Object("""
            { "spec": { "replicas": 5, "strategy": { "maxSurge": 2 }, "noDefaultParent": {},
                        "ports": [ { "protocol": "UDP" }, {} ], "labels": { "a": null, "b": "x" }, "note": null } }
            """);
        var before = input.ToJsonString();

        var result = SchemaDefaulter.Apply(input, Schema(form));

        Assert.Equal(before, input.ToJsonString());
        var spec = result["spec"]!;
        Assert.Equal(5, (int)spec["replicas"]!);
        Assert.Equal("""{"maxSurge":2,"type":"RollingUpdate"}""", spec["strategy"]!.ToJsonString());
        Assert.Equal("""{"x":"y"}""", spec["noDefaultParent"]!.ToJsonString());
        Assert.Equal("""[{"protocol":"UDP"},{"protocol":"TCP"}]""", spec["ports"]!.ToJsonString());
        Assert.Equal("""{"a":"v","b":"x"}""", spec["labels"]!.ToJsonString());
        Assert.Null(spec["note"]);
        Assert.True(spec.AsObject().ContainsKey("note"));
    }

    [Fact]
    public void Defaults_are_copied_not_shared()
    {
        var schema = SchemaFixtures.Schema(SchemaJson);
        var first = SchemaDefaulter.Apply(SchemaFixtures.Object("""{ "spec": {} }"""), schema);
        first["spec"]!["strategy"]!["type"] = "Changed";

        var second = SchemaDefaulter.Apply(SchemaFixtures.Object("""{ "spec": {} }"""), schema);

        Assert.Equal("RollingUpdate", (string)second["spec"]!["strategy"]!["type"]!);
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Prune_default_validate_is_the_server_pipeline(string form)
    {
        var schema = SchemaFixtures.CloneSetSchema(form);
        var obj = SchemaFixtures.CloneSet(SchemaFixtures.ValidSpec.Replace("\"replicas\": 3", "\"replicas\": -2, \"foo\": 1", StringComparison.Ordinal));

        var pruned = SchemaPruner.Prune(obj, schema);
        var defaulted = SchemaDefaulter.Apply(pruned.Object, schema);
        var causes = SchemaValidator.Validate(defaulted, schema);

        Assert.Equal(["spec.foo"], pruned.UnknownFields);
        Assert.Equal("spec.replicas", Assert.Single(causes).Field);
    }
}
