using Kruise.Actors.LocalCluster.Schemas;

namespace Kruise.Actors.LocalCluster.Tests.Schemas;

public class StructuralSchemaTests
{
    private static IReadOnlyList<string> Check(string json) => StructuralSchema.Check(SchemaFixtures.Schema(json));

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void The_generated_CloneSet_schema_is_structural(string form) =>
        Assert.Empty(StructuralSchema.Check(SchemaFixtures.CloneSetSchema(form)));

    [Fact]
    public void A_typeless_field_is_reported_under_the_given_path()
    {
        var problems = StructuralSchema.CheckCauses(
            SchemaFixtures.Schema("""{ "type": "object", "properties": { "spec": { "type": "object", "properties": { "foo": { "description": "no type" } } } } }"""),
            "spec.versions[0].schema.openAPIV3Schema");

        Assert.Equal(
            new ApiErrorCause("FieldValueRequired", "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[foo].type", "Required value: must not be empty for specified object fields"),
            Assert.Single(problems));
    }

    [Fact]
    public void Arrays_need_items_and_items_need_a_type() =>
        Assert.Equal(
            [
                "openAPIV3Schema.properties[a].items: Required value: must be specified",
                "openAPIV3Schema.properties[b].items.type: Required value: must not be empty for specified array items",
            ],
            Check("""{ "type": "object", "properties": { "a": { "type": "array" }, "b": { "type": "array", "items": { "minLength": 1 } } } }"""));

    [Fact]
    public void The_root_must_be_an_object() =>
        Assert.Equal(["openAPIV3Schema.type: Invalid value: \"string\": must be object at the root"], Check("""{ "type": "string" }"""));

    [Fact]
    public void Root_metadata_may_only_restrict_name_and_generateName()
    {
        Assert.Empty(Check("""{ "type": "object", "properties": { "metadata": { "type": "object", "properties": { "name": { "type": "string", "maxLength": 10 } } } } }"""));
        Assert.Equal(
            ["openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"],
            Check("""{ "type": "object", "properties": { "metadata": { "type": "object", "properties": { "labels": { "type": "object" } } } } }"""));
    }

    [Fact]
    public void Junctors_may_not_specify_types_or_fields_the_structure_lacks()
    {
        // As in apiextensions, completeness is checked for the root's junctors (and what they nest).
        Assert.Equal(
            [
                "openAPIV3Schema.properties[bar]: Required value: because it is defined in openAPIV3Schema.anyOf[0].properties[bar]",
                "openAPIV3Schema.properties[spec].anyOf[0].type: Forbidden: must be empty to be structural",
            ],
            Check("""
                { "type": "object", "anyOf": [ { "properties": { "bar": { "minLength": 1 } } }, { "required": ["spec"] } ],
                  "properties": { "spec": { "type": "object", "properties": { "foo": { "type": "string" } },
                    "anyOf": [ { "type": "object" }, { "required": ["foo"] } ] } } }
                """));
    }

    [Fact]
    public void The_int_or_string_anyOf_pattern_is_allowed_and_its_misuse_is_not()
    {
        Assert.Empty(Check("""{ "type": "object", "properties": { "x": { "x-kubernetes-int-or-string": true, "anyOf": [ { "type": "integer" }, { "type": "string" } ] } } }"""));
        Assert.Equal(
            ["openAPIV3Schema.properties[x].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true"],
            Check("""{ "type": "object", "properties": { "x": { "x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true } } }"""));
    }

    [Fact]
    public void Defaults_must_be_pruned_and_valid()
    {
        Assert.Equal(
            [
                "openAPIV3Schema.properties[spec].default: Invalid value: {\"a\":1,\"b\":2}: must not have unknown fields",
                "openAPIV3Schema.properties[spec].properties[n].default: Invalid value: \"string\":  in body must be of type integer: \"string\"",
            ],
            Check("""
                { "type": "object", "properties": { "spec": { "type": "object", "default": { "a": 1, "b": 2 },
                  "properties": { "a": { "type": "integer" }, "n": { "type": "integer", "default": "x" } } } } }
                """));
    }

    [Fact]
    public void V1_rules_reject_unsupported_keywords_and_bad_list_types()
    {
        Assert.Equal(["openAPIV3Schema.properties[a].$ref: Forbidden: $ref is not supported"], Check("""{ "type": "object", "properties": { "a": { "$ref": "#/x" } } }"""));
        Assert.Equal(
            ["openAPIV3Schema.properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic"],
            Check("""{ "type": "object", "properties": { "a": { "type": "array", "items": { "type": "string" }, "uniqueItems": true } } }"""));
        Assert.Equal(
            ["openAPIV3Schema.properties[a].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map"],
            Check("""{ "type": "object", "properties": { "a": { "type": "array", "items": { "type": "object" }, "x-kubernetes-list-type": "map" } } }"""));
        Assert.Equal(
            ["openAPIV3Schema.properties[a].items.properties[k].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"],
            Check("""
                { "type": "object", "properties": { "a": { "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["k"],
                  "items": { "type": "object", "properties": { "k": { "type": "string" } } } } } }
                """));
        Assert.Equal(
            ["openAPIV3Schema.properties[a].type: Unsupported value: \"map\": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\""],
            Check("""{ "type": "object", "properties": { "a": { "type": "map" } } }"""));
        Assert.Equal(
            ["openAPIV3Schema.properties[metadata].properties[name].default: Forbidden: must not be set in top-level metadata"],
            Check("""{ "type": "object", "properties": { "metadata": { "type": "object", "properties": { "name": { "type": "string", "default": "x" } } } } }"""));
    }

    [Fact]
    public void A_missing_schema_is_required() =>
        Assert.Equal(["openAPIV3Schema: Required value: schemas are required"], StructuralSchema.Check(null));
}
