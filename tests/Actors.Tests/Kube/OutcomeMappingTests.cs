using System.Net;
using k8s.Models;
using Kruise.Actors.Kube;

namespace Kruise.Actors.Tests.Kube;

public sealed class OutcomeMappingTests
{
    private static readonly ObjectRef Pod = ObjectRef.Pod("default", "web-abcde");
    private static readonly KubeCommand Create = new CreateObject("c", Pod, new V1Pod());
    private static readonly KubeCommand Delete = new DeleteObject("d", Pod, "uid-1");
    private static readonly KubeCommand Patch = new PatchObject("p", Pod, PatchKind.Merge, "{}");
    private static readonly KubeCommand Event = new RecordEvent("e", Pod, "uid-1", RecordEvent.Normal, "SuccessfulCreate", "created");

    public static TheoryData<KubeCommand, HttpStatusCode, string, CommandStatus> Cases => new()
    {
        { Create, HttpStatusCode.Conflict, "AlreadyExists", CommandStatus.AlreadyExists },
        { Event, HttpStatusCode.Conflict, "AlreadyExists", CommandStatus.AlreadyExists },
        { Create, HttpStatusCode.Conflict, "Conflict", CommandStatus.Conflict },
        { Patch, HttpStatusCode.Conflict, "Conflict", CommandStatus.Conflict },
        { Delete, HttpStatusCode.Conflict, "Conflict", CommandStatus.Conflict },
        { Delete, HttpStatusCode.NotFound, "NotFound", CommandStatus.NotFound },
        { Create, HttpStatusCode.NotFound, "NotFound", CommandStatus.NotFound },
        { Patch, HttpStatusCode.Gone, "Expired", CommandStatus.Conflict },
        { Create, HttpStatusCode.UnprocessableEntity, "Invalid", CommandStatus.Rejected },
        { Patch, HttpStatusCode.BadRequest, "BadRequest", CommandStatus.Rejected },
        { Create, HttpStatusCode.Forbidden, "Forbidden", CommandStatus.Rejected },
        { Create, HttpStatusCode.Unauthorized, "Unauthorized", CommandStatus.Failed },
        { Create, HttpStatusCode.TooManyRequests, "TooManyRequests", CommandStatus.Failed },
        { Create, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", CommandStatus.Failed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Answers_map_to_outcomes(KubeCommand command, HttpStatusCode code, string reason, CommandStatus expected) =>
        Assert.Equal(expected, OutcomeMapping.Map(command, code, reason));

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    public void Only_throttling_and_server_errors_are_retried(HttpStatusCode code, bool transient) =>
        Assert.Equal(transient, OutcomeMapping.IsTransient(code));

    [Fact]
    public void Verbs_name_the_API_call()
    {
        Assert.Equal("create", OutcomeMapping.Verb(Create));
        Assert.Equal("create", OutcomeMapping.Verb(Event));
        Assert.Equal("delete", OutcomeMapping.Verb(Delete));
        Assert.Equal("patch", OutcomeMapping.Verb(Patch));
        Assert.Equal("update", OutcomeMapping.Verb(new ReplaceStatus("s", Pod, new V1Pod())));
    }
}
