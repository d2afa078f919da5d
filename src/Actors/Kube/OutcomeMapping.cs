using System.Net;

namespace Kruise.Actors.Kube;

/// <summary>How API answers become <see cref="CommandStatus"/>es, and which errors are worth retrying.</summary>
public static class OutcomeMapping
{
    /// <summary>429 and 5xx (but 501): the server may accept the same write later.</summary>
    public static bool IsTransient(HttpStatusCode code) =>
        code == HttpStatusCode.TooManyRequests || ((int)code >= 500 && code != HttpStatusCode.NotImplemented);

    public static CommandStatus Map(KubeCommand command, HttpStatusCode code, string reason) => code switch
    {
        HttpStatusCode.Conflict when reason == "AlreadyExists" && command is CreateObject or RecordEvent => CommandStatus.AlreadyExists,
        HttpStatusCode.Conflict => CommandStatus.Conflict,
        HttpStatusCode.NotFound => CommandStatus.NotFound,
        // A stale resourceVersion on a write: the same "observe again" as a conflict.
        HttpStatusCode.Gone => CommandStatus.Conflict,
        // Credentials may be rotated or fixed; the intent stays and is retried.
        HttpStatusCode.Unauthorized => CommandStatus.Failed,
        _ when IsTransient(code) => CommandStatus.Failed,
        _ => CommandStatus.Rejected,
    };

    /// <summary>The metrics label of a command: the API verb it uses.</summary>
    /// <summary>The resource a command writes, with its subresource: "pods", "pods/status", "events".</summary>
    public static string Resource(KubeCommand command) => command switch
    {
        RecordEvent => "events",
        PatchObject { Subresource: { Length: > 0 } sub } => $"{command.Target.Resource}/{sub}",
        ReplaceStatus => $"{command.Target.Resource}/status",
        _ => command.Target.Resource,
    };

    public static string Verb(KubeCommand command) => command switch
    {
        CreateObject or RecordEvent => "create",
        DeleteObject => "delete",
        PatchObject => "patch",
        ReplaceStatus => "update",
        _ => "other",
    };
}
