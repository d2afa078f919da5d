using Kruise.Actors.LocalCluster.Schemas;

namespace Kruise.Actors.LocalCluster.Tests.Schemas;

/// <summary>Each OpenAPI keyword against a hand-written schema, with kube-openapi's wording.</summary>
public class SchemaValidatorRuleTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "name": { "type": "string", "minLength": 3, "maxLength": 8, "pattern": "^[a-z]+$" },
                "ratio": { "type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1 },
                "step": { "type": "integer", "multipleOf": 5 },
                "tags": { "type": "array", "minItems": 1, "maxItems": 2, "items": { "type": "string" }, "x-kubernetes-list-type": "set" },
                "ports": {
                  "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port"],
                  "items": { "type": "object", "required": ["port"], "properties": { "port": { "type": "integer" }, "name": { "type": "string" } } }
                },
                "labels": { "type": "object", "minProperties": 1, "maxProperties": 2, "additionalProperties": { "type": "string" } },
                "closed": { "type": "object", "additionalProperties": false },
                "note": { "type": "string", "nullable": true },
                "when": { "type": "string", "format": "date-time" },
                "mode": { "type": "string", "oneOf": [ { "enum": ["a", "b"] }, { "enum": ["b", "c"] } ] },
                "notEmpty": { "type": "string", "not": { "enum": [""] } },
                "level": { "type": "integer", "enum": [1, 2, 3] }
              }
            }
          }
        }
        """;

    private static List<string> Problems(string spec) =>
        [.. SchemaValidator.Describe(SchemaValidator.Validate(SchemaFixtures.Object($$"""{ "spec": {{spec}} }"""), SchemaFixtures.Schema(Schema)))];

    [Fact]
    public void The_schema_is_one_a_CRD_may_declare() => Assert.Empty(StructuralSchema.Check(SchemaFixtures.Schema(Schema)));

    [Fact]
    public void Valid_values_pass() =>
        Assert.Empty(Problems("""
            { "name": "abcd", "ratio": 0.5, "step": 10, "tags": ["x", "y"], "ports": [ { "port": 80 }, { "port": 443 } ],
              "labels": { "a": "1" }, "closed": {}, "note": null, "when": "2024-05-01T10:00:00Z", "mode": "a", "notEmpty": "x", "level": 2 }
            """));

    [Fact]
    public void String_length_and_pattern_report_the_first_failure()
    {
        Assert.Equal(["spec.name: Too long: may not be more than 8 bytes"], Problems("""{ "name": "abcdefghij" }"""));
        Assert.Equal(["spec.name: Invalid value: \"ab\": spec.name in body should be at least 3 chars long"], Problems("""{ "name": "ab" }"""));
        Assert.Equal(["spec.name: Invalid value: \"ABCD\": spec.name in body should match '^[a-z]+$'"], Problems("""{ "name": "ABCD" }"""));
    }

    [Fact]
    public void Number_bounds_and_multiples()
    {
        Assert.Equal(["spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0"], Problems("""{ "ratio": 0 }"""));
        Assert.Equal(["spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than or equal to 1"], Problems("""{ "ratio": 1.5 }"""));
        Assert.Equal(["spec.step: Invalid value: 7: spec.step in body should be a multiple of 5"], Problems("""{ "step": 7 }"""));
    }

    [Fact]
    public void Array_sizes_and_set_uniqueness()
    {
        Assert.Equal(["spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items"], Problems("""{ "tags": [] }"""));
        Assert.Equal(["spec.tags: Too many: 3: must have at most 2 items"], Problems("""{ "tags": ["a", "b", "c"] }"""));
        Assert.Equal(["spec.tags[1]: Duplicate value: \"a\""], Problems("""{ "tags": ["a", "a"] }"""));
    }

    [Fact]
    public void Map_lists_reject_repeated_keys()
    {
        Assert.Equal(
            ["spec.ports[2]: Duplicate value: {\"port\":80}"],
            Problems("""{ "ports": [ { "port": 80, "name": "a" }, { "port": 81 }, { "port": 80, "name": "b" } ] }"""));
        Assert.Equal(
            ["spec.ports[0]: Invalid value: \"integer\": spec.ports[0] in body must be of type object: \"integer\"",
             "spec.ports[0]: Invalid value: 5: must be an object for an array of list-type map"],
            Problems("""{ "ports": [ 5 ] }"""));
    }

    [Fact]
    public void Object_sizes_and_closed_objects()
    {
        Assert.Equal(["spec.labels: Invalid value: 0: spec.labels in body should have at least 1 properties"], Problems("""{ "labels": {} }"""));
        Assert.Equal(["spec.labels: Too many: 3: must have at most 2 items"], Problems("""{ "labels": { "a": "1", "b": "2", "c": "3" } }"""));
        Assert.Equal(["spec.closed: Invalid value: \"x\": spec.closed.x in body is a forbidden property"], Problems("""{ "closed": { "x": 1 } }"""));
    }

    [Fact]
    public void Null_is_only_accepted_where_nullable()
    {
        Assert.Empty(Problems("""{ "note": null }"""));
        Assert.Equal(["spec.name: Invalid value: \"null\": spec.name in body must be of type string: \"null\""], Problems("""{ "name": null }"""));
    }

    [Fact]
    public void Date_time_format_is_checked()
    {
        Assert.Empty(Problems("""{ "when": "2024-05-01T10:00:00.123+02:00" }"""));
        Assert.Equal(
            ["spec.when: Invalid value: \"yesterday\": spec.when in body must be of type date-time: \"yesterday\""],
            Problems("""{ "when": "yesterday" }"""));
    }

    [Fact]
    public void Junctors_report_on_the_nil_path()
    {
        Assert.Equal(
            ["<nil>: Invalid value: \"\": \"spec.mode\" must validate one and only one schema (oneOf). Found 2 valid alternatives"],
            Problems("""{ "mode": "b" }"""));
        Assert.Equal(
            ["<nil>: Invalid value: \"\": \"spec.notEmpty\" must not validate the schema (not)"],
            Problems("""{ "notEmpty": "" }"""));
    }

    [Fact]
    public void Numeric_enums_quote_their_values() =>
        Assert.Equal(["spec.level: Unsupported value: 7: supported values: \"1\", \"2\", \"3\""], Problems("""{ "level": 7 }"""));
}
