using Kruise.Actors.LocalCluster.Schemas;

namespace Kruise.Actors.LocalCluster.Tests.Schemas;

/// <summary>Custom resources checked against the generated CloneSet schema, with the API server's exact texts.</summary>
public class SchemaValidatorTests
{
    private static List<string> Problems(string form, string spec) =>
        [.. SchemaValidator.Describe(SchemaValidator.Validate(SchemaFixtures.CloneSet(spec), SchemaFixtures.CloneSetSchema(form)))];

    private static string Spec(string replace) => SchemaFixtures.ValidSpec.Replace("\"replicas\": 3", replace, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void A_valid_CloneSet_has_no_causes(string form) =>
        Assert.Empty(SchemaValidator.Validate(SchemaFixtures.CloneSet(), SchemaFixtures.CloneSetSchema(form)));

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Negative_replicas_are_rejected_with_the_apiserver_message(string form)
    {
        var cause = Assert.Single(SchemaValidator.Validate(SchemaFixtures.CloneSet(Spec("\"replicas\": -1")), SchemaFixtures.CloneSetSchema(form)));
        Assert.Equal(new ApiErrorCause("FieldValueInvalid", "spec.replicas", "Invalid value: -1: spec.replicas in body should be greater than or equal to 0"), cause);

        var error = ApiException.Invalid("CloneSet", "demo", [cause]);
        Assert.Equal("CloneSet \"demo\" is invalid: spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0", error.Message);
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Wrong_types_name_the_expected_type(string form)
    {
        var cause = Assert.Single(SchemaValidator.Validate(SchemaFixtures.CloneSet(Spec("\"replicas\": \"three\"")), SchemaFixtures.CloneSetSchema(form)));
        Assert.Equal(new ApiErrorCause("FieldValueTypeInvalid", "spec.replicas", "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""), cause);

        // kube-openapi checks a non-string against the int32 format first, hence its odd wording.
        Assert.Equal(
            ["spec.replicas: Invalid value: \"\": spec.replicas in body must be of type int32: \"\""],
            Problems(form, Spec("\"replicas\": true")));
        Assert.Equal(
            ["spec.updateStrategy.paused: Invalid value: \"string\": spec.updateStrategy.paused in body must be of type boolean: \"string\""],
            Problems(form, SchemaFixtures.ValidSpec.Replace("\"partition\": 1", "\"partition\": 1, \"paused\": \"yes\"", StringComparison.Ordinal)));
        Assert.Equal(
            ["spec.selector.matchLabels.app: Invalid value: \"integer\": spec.selector.matchLabels.app in body must be of type string: \"integer\""],
            Problems(form, SchemaFixtures.ValidSpec.Replace("{ \"app\": \"demo\" } }", "{ \"app\": 7 } }", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Whole_numbers_written_as_floats_are_integers_but_fractions_are_not(string form)
    {
        Assert.Empty(Problems(form, Spec("\"replicas\": 3.0")));
        Assert.Equal(
            [
                "spec.replicas: Invalid value: \"float64\": spec.replicas in body must be of type int32: \"float64\"",
                "<nil>: Invalid value: \"\": Checked value must be of type integer with format int32 in spec.replicas",
            ],
            Problems(form, Spec("\"replicas\": 1.5")));
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Int32_overflow_is_reported_on_the_nil_path(string form) =>
        Assert.Equal(
            ["<nil>: Invalid value: \"\": Checked value must be of type integer with format int32 in spec.replicas"],
            Problems(form, Spec("\"replicas\": 3000000000")));

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Enum_violations_list_the_supported_values(string form)
    {
        var cause = Assert.Single(SchemaValidator.Validate(
            SchemaFixtures.CloneSet(SchemaFixtures.ValidSpec.Replace("InPlaceIfPossible", "Rolling", StringComparison.Ordinal)),
            SchemaFixtures.CloneSetSchema(form)));
        Assert.Equal(new ApiErrorCause(
            "FieldValueNotSupported", "spec.updateStrategy.type",
            "Unsupported value: \"Rolling\": supported values: \"ReCreate\", \"InPlaceIfPossible\", \"InPlaceOnly\""), cause);
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Int_or_string_accepts_numbers_and_percentages_but_not_booleans(string form)
    {
        Assert.Empty(Problems(form, SchemaFixtures.ValidSpec.Replace("\"20%\"", "3", StringComparison.Ordinal)));
        Assert.Empty(Problems(form, SchemaFixtures.ValidSpec));
        Assert.Equal(
            [
                "spec.updateStrategy.maxUnavailable: Invalid value: \"boolean\": spec.updateStrategy.maxUnavailable in body must be of type integer,string: \"boolean\"",
                "<nil>: Invalid value: \"\": \"spec.updateStrategy.maxUnavailable\" must validate at least one schema (anyOf)",
                "spec.updateStrategy.maxUnavailable: Invalid value: \"boolean\": spec.updateStrategy.maxUnavailable in body must be of type integer: \"boolean\"",
            ],
            Problems(form, SchemaFixtures.ValidSpec.Replace("\"20%\"", "true", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Missing_selector_and_template_are_required(string form)
    {
        var causes = SchemaValidator.Validate(SchemaFixtures.CloneSet("{ \"replicas\": 1 }"), SchemaFixtures.CloneSetSchema(form));
        Assert.Equal(
            [new ApiErrorCause("FieldValueRequired", "spec.selector", "Required value"), new ApiErrorCause("FieldValueRequired", "spec.template", "Required value")],
            causes);
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void List_items_are_validated_with_indexed_paths(string form)
    {
        var spec = SchemaFixtures.ValidSpec.Replace("\"partition\": 1", """
            "partition": 1,
            "priorityStrategy": { "weightPriority": [ { "weight": 50, "matchSelector": {} }, { "weight": 0, "matchSelector": {} }, { "weight": 101 } ] }
            """, StringComparison.Ordinal);
        Assert.Equal(
            [
                "spec.updateStrategy.priorityStrategy.weightPriority[1].weight: Invalid value: 0: spec.updateStrategy.priorityStrategy.weightPriority[1].weight in body should be greater than or equal to 1",
                "spec.updateStrategy.priorityStrategy.weightPriority[2].weight: Invalid value: 101: spec.updateStrategy.priorityStrategy.weightPriority[2].weight in body should be less than or equal to 100",
                "spec.updateStrategy.priorityStrategy.weightPriority[2].matchSelector: Required value",
            ],
            Problems(form, spec));
    }

    [Theory]
    [MemberData(nameof(SchemaFixtures.Forms), MemberType = typeof(SchemaFixtures))]
    public void Preserved_template_content_is_not_validated(string form) =>
        Assert.Empty(Problems(form, SchemaFixtures.ValidSpec.Replace("\"image\": \"nginx:1.25\"", "\"image\": 42, \"anything\": [true]", StringComparison.Ordinal)));

    [Fact]
    public void Validation_does_not_touch_the_object()
    {
        var obj = SchemaFixtures.CloneSet(Spec("\"replicas\": -1"));
        var before = obj.ToJsonString();
        SchemaValidator.Validate(obj, SchemaFixtures.CloneSetSchema(SchemaFixtures.Json));
        Assert.Equal(before, obj.ToJsonString());
    }
}
