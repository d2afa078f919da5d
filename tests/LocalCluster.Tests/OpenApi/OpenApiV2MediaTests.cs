using Kruise.Actors.LocalCluster.OpenApi;

namespace Kruise.Actors.LocalCluster.Tests.OpenApi;

/// <summary>Which form of /openapi/v2 a client gets, as kube-openapi's handler decides it.</summary>
public class OpenApiV2MediaTests
{
    [Theory]
    [InlineData(null, OpenApiV2Format.Json)]
    [InlineData("", OpenApiV2Format.Json)]
    [InlineData("*/*", OpenApiV2Format.Json)]
    [InlineData("application/*", OpenApiV2Format.Json)]
    [InlineData("application/json", OpenApiV2Format.Json)]
    [InlineData("application/json, */*", OpenApiV2Format.Json)]
    [InlineData(OpenApiV2Media.ProtobufRequested, OpenApiV2Format.Protobuf)]
    [InlineData(OpenApiV2Media.Protobuf, OpenApiV2Format.Protobuf)]
    [InlineData("application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf", OpenApiV2Format.Protobuf)]
    [InlineData("*/*;q=0.1, application/com.github.proto-openapi.spec.v2.v1.0+protobuf", OpenApiV2Format.Protobuf)]
    [InlineData("application/com.github.proto-openapi.spec.v2@v1.0+protobuf;q=0, application/json", OpenApiV2Format.Json)]
    public void Accept_picks_the_form(string? accept, OpenApiV2Format expected) =>
        Assert.Equal(expected, OpenApiV2Media.Negotiate(accept));

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/yaml")]
    [InlineData("application/vnd.kubernetes.protobuf")]
    public void Other_media_types_are_not_acceptable(string accept) =>
        Assert.Null(OpenApiV2Media.Negotiate(accept));

    [Fact]
    public void Protobuf_is_answered_with_the_spelling_go_can_parse() =>
        Assert.DoesNotContain('@', OpenApiV2Media.ContentType(OpenApiV2Format.Protobuf));
}
