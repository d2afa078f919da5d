using System.Net;

namespace Kruise.Actors.LocalCluster;

/// <summary>
/// A request the API server refuses, carried to the HTTP layer and answered as a Kubernetes
/// Status (code, reason, message). Thrown by pure helpers (patching, decoding, validation) so
/// they need not know about HTTP.
/// </summary>
public sealed class ApiException(HttpStatusCode code, string reason, string message, IReadOnlyList<ApiErrorCause>? causes = null, StatusDetails? details = null)
    : Exception(message)
{
    public HttpStatusCode Code { get; } = code;

    /// <summary>Kubernetes' StatusReason: BadRequest, Invalid, NotFound, AlreadyExists, Conflict, Gone, UnsupportedMediaType, ...</summary>
    public string Reason { get; } = reason;

    public IReadOnlyList<ApiErrorCause> Causes { get; } = causes ?? [];

    /// <summary>Status.details: which object the error is about (clients read details.name and details.kind).</summary>
    public StatusDetails? Details { get; } = details;

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiException UnsupportedMediaType(string message) => new(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", message);

    /// <summary>
    /// 422: the object is invalid; each cause names a field. <paramref name="kind"/> is the qualified
    /// kind the apiserver names (Kind, or Kind.group outside the core group).
    /// </summary>
    public static ApiException Invalid(string kind, string name, IReadOnlyList<ApiErrorCause> causes)
    {
        var dot = kind.IndexOf('.', StringComparison.Ordinal);
        var details = dot < 0 ? new StatusDetails(name, "", kind) : new StatusDetails(name, kind[(dot + 1)..], kind[..dot]);
        return new(HttpStatusCode.UnprocessableEntity, "Invalid", InvalidMessage(kind, name, causes), causes, details);
    }

    /// <summary>The apiserver's wording: one cause bare, several in brackets.</summary>
    public static string InvalidMessage(string kind, string name, IReadOnlyList<ApiErrorCause> causes)
    {
        var parts = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var joined = parts.Count == 1 ? parts[0] : $"[{string.Join(", ", parts)}]";
        return $"{kind} \"{name}\" is invalid: {joined}";
    }
}

/// <summary>Status.details of an error about one object: Kind is the kind for Invalid, the resource (plural) otherwise.</summary>
public sealed record StatusDetails(string Name, string Group, string Kind);

/// <summary>
/// One field-level cause of an Invalid error (Status.details.causes). Reason is Kubernetes'
/// cause type: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueTypeInvalid, ...
/// </summary>
public sealed record ApiErrorCause(string Reason, string Field, string Message);
